/** Why a school of a district run produced no roster, in words an operator can act on. */

export interface SchoolFailure {
  schoolId: string;
  reason: string;
  /** Attempts made before giving up. */
  attempts: number;
}

/** A solve that ran past its time-out; its worker thread was stopped. */
export class SchoolTimeoutError extends Error {
  constructor(readonly schoolId: string, readonly timeoutMs: number) {
    super(`school ${JSON.stringify(schoolId)} did not finish within ${(timeoutMs / 1000).toFixed(1)} s; its worker was stopped`);
    this.name = "SchoolTimeoutError";
  }
}

/** The one-line reason of an error, whatever was thrown. */
export function failureReason(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] || error.name;
  return String(error);
}
