/**
 * The server's log (pino, JSON lines on stderr): where the detail of a failure goes, since the
 * caller only gets a request ID, and one access line per request. Routes log through ApiLog, so
 * a test can collect entries instead.
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

/** A pino logger on stderr: ISO times, errors with their name, message and stack. */
export function stderrLogger(): pino.Logger {
  return pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "message",
      serializers: { error: pino.stdSerializers.err },
    },
    pino.destination(2),
  );
}

let shared: pino.Logger | undefined;

/** One JSON line per entry on stderr (what `mse serve` uses). */
export const stderrLog: ApiLog = ({ level, message, ...fields }) => {
  shared ??= stderrLogger();
  shared[level](fields, message);
};
