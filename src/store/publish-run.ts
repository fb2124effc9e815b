/**
 * Publishes a run: in one transaction, flips the school's live-roster pointer to it, records
 * the flip in the publication history and frees the school for the next run. Readers see the
 * old roster or the new one, never a mix. Publishing the run that is already live changes
 * nothing, so a retried publish is harmless; publishing an older run rolls the school back.
 */
import { execute, takeWriteLock } from "./sql.ts";
import { LONG_TRANSACTION, type Store } from "./store.ts";
import { PublishRefusedError, UnknownRunError } from "./store-errors.ts";

export interface PublishOutcome {
  schoolId: string;
  runId: number;
  /** The run that was live before, if any. */
  previousRunId?: number;
  /** False when the run was already live. */
  changed: boolean;
}

/** Makes `runId` its school's live roster; refuses a run that did not succeed or predates the last import. */
export async function publishRun(store: Store, runId: number): Promise<PublishOutcome> {
  return store.db.$transaction(async (tx) => {
    await takeWriteLock(tx, store);
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) throw new UnknownRunError(runId);
    // Lock the school's row so that two publishers of one school take turns.
    await execute(tx, store, `UPDATE school SET problem_version = problem_version WHERE id = $1`, run.schoolId);
    const school = (await tx.school.findUnique({ where: { id: run.schoolId } }))!;
    if (run.status !== "succeeded") throw new PublishRefusedError(runId, `its status is ${run.status}, not succeeded`);
    if (run.problemVersion !== school.problemVersion) {
      throw new PublishRefusedError(runId, `school ${run.schoolId} was re-imported since the run started (version ${run.problemVersion} → ${school.problemVersion}); run it again`);
    }
    const live = await tx.liveRoster.findUnique({ where: { schoolId: run.schoolId } });
    await tx.runLease.deleteMany({ where: { runId } });
    if (live?.runId === runId) return { schoolId: run.schoolId, runId, previousRunId: live.runId, changed: false };
    const publishedAt = new Date();
    await tx.liveRoster.upsert({
      where: { schoolId: run.schoolId },
      create: { schoolId: run.schoolId, runId, publishedAt },
      update: { runId, publishedAt },
    });
    await tx.publication.create({ data: { schoolId: run.schoolId, runId, previousRunId: live?.runId ?? null, publishedAt } });
    return { schoolId: run.schoolId, runId, previousRunId: live?.runId, changed: true };
  }, LONG_TRANSACTION);
}
