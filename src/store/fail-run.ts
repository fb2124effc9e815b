/** Ends a run that could not finish: marks it failed with the reason and frees its school. */
import { execute, takeWriteLock, timestampValue } from "./sql.ts";
import type { RunHandle } from "./start-run.ts";
import type { Store } from "./store.ts";

/** Marks a running run failed and releases its lease; the live roster is not touched. */
export async function failRun(store: Store, handle: RunHandle, reason: unknown): Promise<void> {
  const message = reason instanceof Error ? reason.message : String(reason);
  await store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await execute(
      tx,
      `UPDATE run SET status = 'failed', finished_at = $1, error = $2 WHERE id = $3 AND status = 'running'`,
      timestampValue(store, new Date()),
      message,
      handle.runId,
    );
    await execute(tx, `DELETE FROM run_lease WHERE run_id = $1 AND holder = $2`, handle.runId, handle.holder);
  });
}
