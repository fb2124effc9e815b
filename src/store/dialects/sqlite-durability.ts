/**
 * Durability of SQLite commits without an fsync on the thread that answers requests. With
 * synchronous=FULL every commit fsyncs the WAL inside the (synchronous) better-sqlite3 call:
 * 2 ms at the median, 11 ms at the 99th percentile and 21 ms at worst on this machine's disk
 * quiet, several times that on a busy one, and an API enrollment commits about six times. A
 * server instead opens the store with synchronous=NORMAL (commits only write the WAL) and, before
 * it acknowledges a write, awaits one fsync of the WAL file made on libuv's threads: every commit
 * made before that fsync began is then on disk, as with FULL. Requests waiting together share
 * one fsync (a group commit). Checkpoints stay safe: in WAL mode NORMAL syncs the WAL before a
 * checkpoint and the database after it.
 */
import { open, type FileHandle } from "node:fs/promises";

/** Makes durable every commit made before it was called; `close` lets the file go. */
export interface WalSync {
  durable: () => Promise<void>;
  close: () => Promise<void>;
}

/** The group fsync of the WAL file beside the SQLite database at `databaseFile`. */
export function createWalSync(databaseFile: string): WalSync {
  // Kept open for the store's life: closing a descriptor of a file drops every POSIX lock the
  // process holds on it, and SQLite's locks are POSIX locks.
  let handle: FileHandle | undefined;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const syncOnce = async () => {
    try {
      handle ??= await open(`${databaseFile}-wal`, "r");
    } catch (error) {
      // No WAL yet: nothing was committed since the database was last checkpointed and closed.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    await handle.sync();
  };
  const start = () => (running = syncOnce().finally(() => (running = undefined)));
  return {
    durable() {
      if (!running) return start();
      // One is under way, but it may have begun before the caller's commit: wait for the next.
      queued ??= running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return running ?? start();
        });
      return queued;
    },
    async close() {
      await running?.catch(() => undefined);
      await handle?.close();
      handle = undefined;
    },
  };
}
