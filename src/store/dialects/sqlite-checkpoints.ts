/**
 * Checkpoints of a server's SQLite WAL, made on a thread of their own. SQLite checkpoints by
 * itself at the commit that takes the WAL past 1,000 pages, inside that (synchronous) commit:
 * it copies the pages into the database and, with synchronous=NORMAL, fsyncs the WAL before and
 * the database after, so every few seconds under bench:api one request's commit held the
 * server's one thread for the time of two fsyncs and a 4 MB copy (tens of milliseconds on a
 * quiet disk, hundreds on a busy one). A server's connection (durability "on-request") turns
 * that off, and a thread with its own connection checkpoints every second instead (PASSIVE: it
 * never waits for, nor blocks, the writer). Durability is the same: a checkpoint only copies
 * what the WAL already holds, with the same fsyncs. Should the thread fail, the connection
 * checkpoints by itself again.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The thread's code: plain CommonJS, so that it runs the same from the sources (tsx) and compiled. */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Driver = require(workerData.driver);
const db = new Driver(workerData.file, { timeout: workerData.busyTimeoutMs });
// NORMAL: the checkpoint syncs the WAL before it copies, and the database after.
db.pragma("synchronous = NORMAL");
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error) });
  }
});
`;

/** How often the thread checkpoints: the WAL then stays within about a second of writes. */
export const CHECKPOINT_EVERY_MS = 1000;

export interface WalCheckpoints {
  /** Stops the thread (after the checkpoint under way, if any). */
  close: () => Promise<void>;
}

/**
 * Starts checkpointing the SQLite database at `file` on a thread; `fallBack` is called (to let
 * the connection checkpoint by itself again) if that thread fails.
 */
export function startWalCheckpoints(
  file: string,
  fallBack: () => void,
  options: { everyMs?: number; busyTimeoutMs?: number } = {},
): WalCheckpoints {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { file, driver, busyTimeoutMs: options.busyTimeoutMs ?? 60_000 },
  });
  // The thread never keeps the process up: a server closes its store, a test may not.
  worker.unref();
  let busy = false;
  let closed = false;
  let failed = false;
  const fail = () => {
    if (failed || closed) return;
    failed = true;
    clearInterval(timer);
    fallBack();
  };
  worker.on("message", (answer: { ok: boolean }) => {
    busy = false;
    if (!answer.ok) fail();
  });
  worker.on("error", fail);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => (fail(), resolve())));
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    worker.postMessage("checkpoint");
  }, options.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      closed = true;
      // Held up while it closes: a process awaiting this (a server's last step) must not end first.
      worker.ref();
      worker.postMessage("close");
      await exited;
    },
  };
}

/** The one-off checkpoint's code: the same driver and setting as SOURCE, one PASSIVE checkpoint, then the thread ends. */
const ONCE_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Driver = require(workerData.driver);
const db = new Driver(workerData.file, { timeout: workerData.busyTimeoutMs });
try {
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_checkpoint(PASSIVE)");
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error) });
} finally {
  db.close();
}
`;

/**
 * One checkpoint of the SQLite database at `file` on a thread of its own, for the WAL a big
 * commit left (an import of the district: 188 MB, whose checkpoint inside the commit held the
 * importing thread 1.4 s at load 9). Resolves true once it is done, false if it failed (the
 * WAL then waits for the connection's next automatic checkpoint, as before).
 */
export function checkpointOnce(file: string, options: { busyTimeoutMs?: number } = {}): Promise<boolean> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise<boolean>((resolve) => {
    const worker = new Worker(ONCE_SOURCE, {
      eval: true,
      workerData: { file, driver, busyTimeoutMs: options.busyTimeoutMs ?? 60_000 },
    });
    let ok = false;
    worker.on("message", (answer: { ok: boolean }) => (ok = answer.ok));
    worker.on("error", () => (ok = false));
    worker.once("exit", () => resolve(ok));
  });
}
