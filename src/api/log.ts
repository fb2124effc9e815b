/** The server's log: where the detail of a failure goes, since the caller only gets a request ID. */

export interface LogEntry {
  level: "info" | "warn" | "error";
  message: string;
  requestId?: string;
  method?: string;
  path?: string;
  error?: unknown;
  [field: string]: unknown;
}

export type ApiLog = (entry: LogEntry) => void;

/** An error as loggable data: its name, message and stack. */
function describeError(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return error;
}

/** One JSON line per entry on stderr (what `mse serve` uses). */
export const stderrLog: ApiLog = (entry) => {
  const { error, ...rest } = entry;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...rest, ...(error === undefined ? {} : { error: describeError(error) }) })}\n`);
};
