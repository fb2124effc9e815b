/**
 * The turnstile of the one SQLite connection. Prisma's SQLite adapter serializes transactions
 * on that connection, but lets a query made outside a transaction run at once, in the middle
 * of whatever transaction another caller has open: it sees that transaction's uncommitted
 * rows, and a write of it is rolled back with that transaction. Under concurrent requests (the
 * HTTP API) that is a dirty read or a lost write. So every transaction holds the gate from
 * BEGIN to COMMIT or ROLLBACK, and a statement outside one waits for the gate and runs alone
 * (better-sqlite3 runs it synchronously, so holding the gate around the call suffices).
 */

/** Hands the connection to one holder at a time, in arrival order. */
export interface SqliteGate {
  /** Waits for the gate; resolves with the function that lets the next holder in. */
  acquire(): Promise<() => void>;
}

/** A gate with nobody holding it. */
export function createSqliteGate(): SqliteGate {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const turn = tail.then(() => release);
      tail = tail.then(() => released);
      return turn;
    },
  };
}

/** Runs `work` with the gate held (a statement outside any transaction). */
export async function throughGate<T>(gate: SqliteGate, work: () => T | Promise<T>): Promise<T> {
  const release = await gate.acquire();
  try {
    return await work();
  } finally {
    release();
  }
}
