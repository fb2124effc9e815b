/**
 * Locks held across every process of one store (one row each in store_lock), for what must
 * happen once at a time in the whole district whichever server is asked: a district run. A
 * lock is a lease: its holder renews it while it works; one whose holder died is taken over
 * once it expires, or at once when the holder was a process of this host that is gone.
 */
import { holderIsGone } from "./run-holder.ts";
import { execute, queryRows, timestampValue, toDate } from "./sql.ts";
import type { Store } from "./store.ts";

/** The lock of the district run: one at a time per store. */
export const DISTRICT_RUN_LOCK = "district-run";

/** Who holds a lock: the process and what it is doing (a job ID). */
export interface StoreLockHolder {
  holder: string;
  owner: string;
  expiresAt: Date;
}

/**
 * Takes the lock for `ttlMs` (renew it before then), unless it is held (by another process or
 * by this one: a process holds a lock once): then returns its holder. One statement, so two
 * processes asking at once cannot both win.
 */
export async function acquireStoreLock(
  store: Store,
  name: string,
  claim: { holder: string; owner: string; ttlMs: number },
): Promise<{ acquired: true } | { acquired: false; by: StoreLockHolder }> {
  const current = await readStoreLock(store, name);
  if (current && current.holder !== claim.holder && holderIsGone(current.holder)) {
    // Its process is gone: free it now rather than at its expiry (conditional on the same holder).
    await execute(store.db, `DELETE FROM store_lock WHERE name = $1 AND holder = $2`, name, current.holder);
  }
  const now = new Date();
  const taken = await execute(
    store.db,
    `INSERT INTO store_lock (name, holder, owner, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, owner = excluded.owner, expires_at = excluded.expires_at
     WHERE store_lock.expires_at < $5`,
    name,
    claim.holder,
    claim.owner,
    timestampValue(store, new Date(now.getTime() + claim.ttlMs)),
    timestampValue(store, now),
  );
  if (taken > 0) return { acquired: true };
  const by = await readStoreLock(store, name);
  // Released between the two statements: try once more.
  if (!by) return acquireStoreLock(store, name, claim);
  return { acquired: false, by };
}

/** Extends a held lock by `ttlMs` from now; false if it is no longer ours (it expired and was taken). */
export async function renewStoreLock(store: Store, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const changed = await execute(
    store.db,
    `UPDATE store_lock SET expires_at = $1 WHERE name = $2 AND holder = $3`,
    timestampValue(store, new Date(Date.now() + ttlMs)),
    name,
    holder,
  );
  return changed > 0;
}

/** Gives the lock up (only if ours). */
export async function releaseStoreLock(store: Store, name: string, holder: string): Promise<void> {
  await execute(store.db, `DELETE FROM store_lock WHERE name = $1 AND holder = $2`, name, holder);
}

/** Who holds the lock now, if anyone (an expired row counts as free). */
export async function readStoreLock(store: Store, name: string): Promise<StoreLockHolder | undefined> {
  const [row] = await queryRows<{ holder: string; owner: string; expires_at: unknown }>(
    store.db,
    `SELECT holder, owner, expires_at FROM store_lock WHERE name = $1`,
    name,
  );
  if (!row) return undefined;
  const expiresAt = toDate(row.expires_at);
  return expiresAt.getTime() < Date.now() ? undefined : { holder: row.holder, owner: row.owner, expiresAt };
}
