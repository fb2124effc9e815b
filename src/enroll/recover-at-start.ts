/**
 * What every server and worker does about crashes: at start, free what crashed processes held
 * (idempotency claims, run leases, API jobs: recoverCrashed) and re-place the schools left
 * stale; while running, sweep again every few seconds, so that a process dying beside this one
 * (another server, a worker) leaves nothing held for long either.
 */
import { recoverCrashed, type Recovery, type Store } from "../store/index.ts";
import { placeStaleSchools, type StalePlacement } from "./place-stale-schools.ts";

/** How often a running server or worker sweeps. */
export const SWEEP_EVERY_MS = 10_000;

/** One line saying what a start-up recovery did. */
export function describeRecovery(recovery: Recovery, stale: StalePlacement): string {
  return (
    `start-up recovery: ${recovery.claimsReleased} idempotency claim(s) released, ${recovery.leasesFreed} run lease(s) freed, ` +
    `${recovery.jobsInterrupted} job(s) marked interrupted; ${stale.placed.length} stale school(s) re-placed` +
    (stale.busy.length ? `, ${stale.busy.length} being run elsewhere` : "") +
    (stale.failed.length ? `, ${stale.failed.length} failed` : "")
  );
}

/** The start-up sweep, then the stale schools re-placed (each inside `within`, e.g. the server's school lane). */
export async function recoverAtStart(
  store: Store,
  within?: <T>(schoolId: string, work: () => Promise<T>) => Promise<T>,
): Promise<{ recovery: Recovery; stale: StalePlacement }> {
  const recovery = await recoverCrashed(store);
  return { recovery, stale: await placeStaleSchools(store, within) };
}

/** Sweeps every `everyMs` until the returned function is called; a sweep that fails is reported and the next one tries again. */
export function keepSweeping(store: Store, onError: (error: unknown) => void, everyMs = SWEEP_EVERY_MS): () => void {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    recoverCrashed(store)
      .catch(onError)
      .finally(() => (sweeping = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
