/**
 * Writes made with an Idempotency-Key. The first request with a key claims it (a row with no
 * status yet), does its work, then stores its answer; a retry with the same key gets that
 * answer back instead of doing the work again. The claim is a primary-key insert, so of two
 * requests racing with one key exactly one does the work, across processes too. A claim
 * records the process that holds it: once that process is gone (killed mid-request), the key
 * is free again at once, for a retry or for the start-up sweep (recover-crashed.ts).
 */
import { holderIsGone } from "./run-holder.ts";
import { execute, optional, queryRows, takeWriteLock, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

/**
 * A write of several statements here runs in a transaction of its own, so that two requests
 * racing with one key see each other's claim whole. A big import may hold the write lock for
 * a while: the transaction waits for it.
 */

export interface IdempotentClaim {
  tokenId: number;
  key: string;
  /** "METHOD path" of the request. */
  request: string;
  /** Hex SHA-256 of the body. */
  bodyHash: string;
  /** host:pid:token of the process handling the request (run-holder.ts). */
  holder: string;
  /**
   * A claim still without an answer this long after it was made belongs to a request whose
   * process died: it is taken over instead of refusing the retry forever.
   */
  staleAfterMs: number;
}

/** What a request with an idempotency key should do. */
export type ClaimOutcome =
  /** Do the work, then completeIdempotentRequest (or releaseIdempotentRequest on failure). */
  | { kind: "claimed" }
  /** Answered before: send this again. */
  | { kind: "replay"; status: number; response: string }
  /** The first request with this key is still being handled. */
  | { kind: "in_progress" }
  /** The key was used with another request or another body. */
  | { kind: "mismatch"; request: string };

interface ClaimRow {
  request: string;
  body_hash: string;
  status: unknown;
  response: string | null;
  created_at: unknown;
  holder: string | null;
}

/** Claims `key` for this request, or says why not (answered before, in progress, used otherwise). */
export async function claimIdempotentRequest(store: Store, claim: IdempotentClaim): Promise<ClaimOutcome> {
  return store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    const now = new Date();
    const inserted = await execute(
      tx,
      `INSERT INTO idempotent_request (token_id, key, request, body_hash, created_at, holder) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (token_id, key) DO NOTHING`,
      claim.tokenId,
      claim.key,
      claim.request,
      claim.bodyHash,
      timestampValue(store, now),
      claim.holder,
    );
    if (inserted > 0) return { kind: "claimed" } as const;
    const [row] = await queryRows<ClaimRow>(
      tx,
      `SELECT request, body_hash, status, response, created_at, holder FROM idempotent_request WHERE token_id = $1 AND key = $2`,
      claim.tokenId,
      claim.key,
    );
    if (!row) throw new Error("idempotent_request row vanished inside its transaction");
    if (row.request !== claim.request || row.body_hash !== claim.bodyHash)
      return { kind: "mismatch", request: row.request } as const;
    const status = optional(row.status);
    if (status !== undefined && row.response !== null)
      return { kind: "replay", status: toNumber(status), response: row.response } as const;
    const gone = row.holder !== null && holderIsGone(row.holder);
    if (!gone && now.getTime() - toDate(row.created_at).getTime() < claim.staleAfterMs)
      return { kind: "in_progress" } as const;
    await execute(
      tx,
      `UPDATE idempotent_request SET created_at = $1, holder = $2 WHERE token_id = $3 AND key = $4`,
      timestampValue(store, now),
      claim.holder,
      claim.tokenId,
      claim.key,
    );
    return { kind: "claimed" } as const;
  });
}

/** Stores the answer of a claimed request: retries with the key get it from now on. */
export async function completeIdempotentRequest(
  store: Store,
  tokenId: number,
  key: string,
  status: number,
  response: string,
): Promise<void> {
  await store.db.transaction((tx) =>
    execute(
      tx,
      `UPDATE idempotent_request SET status = $1, response = $2, completed_at = $3 WHERE token_id = $4 AND key = $5`,
      status,
      response,
      timestampValue(store, new Date()),
      tokenId,
      key,
    ),
  );
}

/** Gives a claimed key up (the work failed): a retry with it does the work afresh. */
export async function releaseIdempotentRequest(store: Store, tokenId: number, key: string): Promise<void> {
  await store.db.transaction((tx) =>
    execute(tx, `DELETE FROM idempotent_request WHERE token_id = $1 AND key = $2 AND status IS NULL`, tokenId, key),
  );
}

/** Forgets answers older than `before` (keys are meant for retries, not forever); returns how many. */
export async function pruneIdempotentRequests(store: Store, before: Date): Promise<number> {
  return store.db.transaction((tx) =>
    execute(
      tx,
      `DELETE FROM idempotent_request WHERE created_at < $1 AND status IS NOT NULL`,
      timestampValue(store, before),
    ),
  );
}

/**
 * Releases every claim still without an answer whose process is gone (killed while handling
 * it): a retry then does the work afresh instead of waiting for the claim to go stale. Claims
 * of processes on other hosts are left to staleness. Returns how many were released.
 */
export async function releaseOrphanedClaims(store: Store): Promise<number> {
  const open = await queryRows<{ token_id: unknown; key: string; holder: string }>(
    store.db,
    `SELECT token_id, key, holder FROM idempotent_request WHERE status IS NULL AND holder IS NOT NULL`,
  );
  const orphans = open.filter((row) => holderIsGone(row.holder));
  if (orphans.length === 0) return 0;
  return store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    let released = 0;
    // Conditional on the same holder: a retry may have taken the key over meanwhile.
    for (const row of orphans) {
      released += await execute(
        tx,
        `DELETE FROM idempotent_request WHERE token_id = $1 AND key = $2 AND holder = $3 AND status IS NULL`,
        toNumber(row.token_id),
        row.key,
        row.holder,
      );
    }
    return released;
  });
}
