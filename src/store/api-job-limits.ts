/**
 * What bounds the API's job table: how many jobs a token or a school has open (queued or
 * running, on any server of the store), for the API's limits, and pruning finished jobs.
 */
import { execute, queryRows, timestampValue, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

/** Jobs still queued or running: those of a token, or the school jobs of one school. */
export async function countOpenApiJobs(store: Store, of: { tokenId: number } | { schoolId: string }): Promise<number> {
  const [row] =
    "tokenId" in of
      ? await queryRows<{ n: unknown }>(
          store.db,
          `SELECT count(*) AS n FROM api_job WHERE status IN ('queued', 'running') AND token_id = $1`,
          of.tokenId,
        )
      : // A school job names exactly its school; district jobs are limited on their own (one at a time).
        await queryRows<{ n: unknown }>(
          store.db,
          `SELECT count(*) AS n FROM api_job WHERE status IN ('queued', 'running') AND kind <> 'district' AND school_ids = $1`,
          JSON.stringify([of.schoolId]),
        );
  return toNumber(row?.n ?? 0);
}

/** Forgets jobs that finished before `before` (their runs stay in the store); returns how many. */
export async function pruneApiJobs(store: Store, before: Date): Promise<number> {
  return execute(
    store.db,
    `DELETE FROM api_job WHERE status IN ('succeeded', 'failed') AND finished_at < $1`,
    timestampValue(store, before),
  );
}
