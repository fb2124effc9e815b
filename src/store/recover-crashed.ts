/**
 * The crash sweep: what a killed process left held is freed, so that nothing stays stuck until
 * someone happens to touch it. Run by every server and worker at start-up and then every few
 * seconds: idempotency claims of requests whose process is gone are released (a retry does the
 * work afresh), run leases whose run's process is gone (or that expired) are freed and their
 * runs marked abandoned, and API jobs whose server is gone are marked failed (interrupted).
 * Each step is conditional on what it read, so that several sweepers at once free each thing once.
 */
import { failOrphanedJobs } from "./api-jobs.ts";
import { releaseOrphanedClaims } from "./idempotent-requests.ts";
import { holderIsGone } from "./run-holder.ts";
import { queryRows, takeWriteLock, toDate } from "./sql.ts";
import { lockSchoolRow, reclaimDeadLease } from "./start-run.ts";
import type { Store } from "./store.ts";

export interface Recovery {
  claimsReleased: number;
  leasesFreed: number;
  jobsInterrupted: number;
}

/** Frees every run lease whose holder is gone or whose time is up; returns how many. */
async function freeDeadLeases(store: Store): Promise<number> {
  const now = new Date();
  const leases = await queryRows<{ school_id: string; holder: string; expires_at: unknown }>(
    store.db,
    `SELECT school_id, holder, expires_at FROM run_lease`,
  );
  let freed = 0;
  for (const lease of leases.filter((l) => toDate(l.expires_at).getTime() <= now.getTime() || holderIsGone(l.holder))) {
    const conflict = await store.db.transaction(async (tx) => {
      await takeWriteLock(tx, store);
      await lockSchoolRow(tx, store, lease.school_id);
      return reclaimDeadLease(tx, store, lease.school_id, new Date());
    });
    if (!conflict) freed++;
  }
  return freed;
}

/** Frees what crashed processes left held (see above); returns what it freed. */
export async function recoverCrashed(store: Store): Promise<Recovery> {
  return {
    claimsReleased: await releaseOrphanedClaims(store),
    leasesFreed: await freeDeadLeases(store),
    jobsInterrupted: await failOrphanedJobs(store),
  };
}
