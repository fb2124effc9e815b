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
 * written asynchronously (sonic-boom on libuv's threads) and a few kilobytes at a time: written
 * one by one and synchronously, the access log took 1.2 s of the server's one thread in a
 * minute of bench:api (stderr is a pipe there, and a pipe's writes block), and 0.8 s one by one
 * asynchronously. What is buffered goes out within a second, at once after a warning or a
 * failure, and at exit.
 */
export function stderrLogger(): { logger: pino.Logger; flush: () => void } {
  const destination = pino.destination({ dest: 2, sync: false, minLength: LOG_BUFFER_BYTES });
  const flush = () => destination.flush();
  setInterval(flush, 1000).unref();
  process.once("exit", () => {
    try {
      destination.flushSync();
    } catch {
      // A write still under way at exit: its lines go with it.
    }
  });
  const logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "message",
      serializers: { error: pino.stdSerializers.err },
    },
    destination,
  );
  return { logger, flush };
}

/** Log lines kept before they are written: about 20 access lines. */
const LOG_BUFFER_BYTES = 4096;

let shared: { logger: pino.Logger; flush: () => void } | undefined;

/** One JSON line per entry on stderr (what `mse serve` uses). */
export const stderrLog: ApiLog = ({ level, message, ...fields }) => {
  shared ??= stderrLogger();
  shared.logger[level](fields, message);
  if (level !== "info") shared.flush();
};
