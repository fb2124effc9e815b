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

/**
 * A pino logger on stderr: ISO times, errors with their name, message and stack. Lines are
 * written asynchronously (sonic-boom on libuv's threads): written synchronously, the access log
 * of every request took 1.2 s of the server's one thread in a minute of bench:api (stderr is a
 * pipe there, and a pipe's writes block). What is still buffered is written at exit.
 */
export function stderrLogger(): pino.Logger {
  const destination = pino.destination({ dest: 2, sync: false });
  process.once("exit", () => {
    try {
      destination.flushSync();
    } catch {
      // A write still under way at exit: its lines go with it.
    }
  });
  return pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "message",
      serializers: { error: pino.stdSerializers.err },
    },
    destination,
  );
}

let shared: pino.Logger | undefined;

/** One JSON line per entry on stderr (what `mse serve` uses). */
export const stderrLog: ApiLog = ({ level, message, ...fields }) => {
  shared ??= stderrLogger();
  shared[level](fields, message);
};
