/** Why a school of a district run produced no roster, in words an operator can act on. */

export interface SchoolFailure {
  schoolId: string;
  reason: string;
  /** Attempts made before giving up. */
  attempts: number;
}

/** A solve that ran past its time-out; its worker thread was stopped. */
export class SchoolTimeoutError extends Error {
  constructor(
    readonly schoolId: string,
    readonly timeoutMs: number,
  ) {
    super(
      `school ${JSON.stringify(schoolId)} did not finish within ${(timeoutMs / 1000).toFixed(1)} s; its worker was stopped`,
    );
    this.name = "SchoolTimeoutError";
  }
}

/** Longest reason kept: a report line, not a log. */
const MAX_REASON = 1_000;

/** The reason of an error as one line (a message listing several problems keeps them all), whatever was thrown. */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  const line = text
    .split("\n")
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}
