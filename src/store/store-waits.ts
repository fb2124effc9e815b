/**
 * A measuring aid: how long a request waited for the store's connection (SQLite's one
 * connection is held by a transaction from BEGIN to COMMIT; a statement or transaction of
 * another caller waits meanwhile). Off unless a caller measures: `measureStoreWaits` runs the
 * request's work with a tally that the dialect adds each wait to (AsyncLocalStorage follows the
 * awaits); nothing is tallied, and nothing costs, outside one.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Milliseconds waited for the connection, and how many times. */
export interface StoreWaits {
  ms: number;
  count: number;
}

const tallies = new AsyncLocalStorage<StoreWaits>();

/** Runs `work` with `waits` tallying every wait for the store's connection made within it. */
export function measureStoreWaits<T>(waits: StoreWaits, work: () => T): T {
  return tallies.run(waits, work);
}

/** Adds a wait of `ms` to the tally of the work being measured, if any. */
export function noteStoreWait(ms: number): void {
  const waits = tallies.getStore();
  if (!waits) return;
  waits.ms += ms;
  waits.count++;
}
