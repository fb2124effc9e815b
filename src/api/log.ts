/**
 * The server's log: where the detail of a failure goes, since the caller only gets a request ID,
 * and the access log (one line per request: its ID, method, route pattern, status, time and
 * token ID; never a path, a name or a token). `mse serve` writes it as JSON lines on stderr
 * through pino, asynchronously, so that logging never holds the thread that answers requests.
 */
import { pino } from "pino";

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

/** The pino logger behind stderrLog: `level` as its name, `time` as ISO text, `message` as given; made on first use. */
let logger: pino.Logger | undefined;
const stderrLogger = () => (logger ??= pino({
  base: undefined,
  messageKey: "message",
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
}, pino.destination({ fd: 2, sync: false })));

/** One JSON line per entry on stderr (what `mse serve` uses). */
export const stderrLog: ApiLog = (entry) => {
  const { error, level, message, ...rest } = entry;
  stderrLogger()[level]({ ...rest, ...(error === undefined ? {} : { error: describeError(error) }) }, message);
};
