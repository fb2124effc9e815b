/** Ends a run that could not finish: marks it failed with the reason and frees its school. */
import { takeWriteLock } from "./sql.ts";
import type { RunHandle } from "./start-run.ts";
import { LONG_TRANSACTION, type Store } from "./store.ts";

/** Marks a running run failed and releases its lease; the live roster is not touched. */
export async function failRun(store: Store, handle: RunHandle, reason: unknown): Promise<void> {
  const message = reason instanceof Error ? reason.message : String(reason);
  await store.db.$transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await tx.run.updateMany({ where: { id: handle.runId, status: "running" }, data: { status: "failed", finishedAt: new Date(), error: message } });
    await tx.runLease.deleteMany({ where: { runId: handle.runId, holder: handle.holder } });
  }, LONG_TRANSACTION);
}
