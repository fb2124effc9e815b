import { RunInProgressError, staleSchools, type Store } from "../store/index.ts";
import { runIncremental } from "./run-incremental.ts";

export interface StalePlacement {
  /** Schools re-placed: their live roster fits their problem again. */
  placed: string[];
  /** Schools another process was running: that run re-places them. */
  busy: string[];
  failed: { schoolId: string; error: unknown }[];
}

/**
 * Re-places every school whose live roster is stale (changed after its live run: students
 * written but never seated, dropped or changed without placing, a crash between the write and
 * the run) with an incremental run, which frees the seats that no longer fit and seats who is
 * unplaced, moving nobody else. What servers and workers do at start. `within` runs each
 * school's work where it must go (the API server's school lane).
 */
export async function placeStaleSchools(
  store: Store,
  within: <T>(schoolId: string, work: () => Promise<T>) => Promise<T> = (_schoolId, work) => work(),
): Promise<StalePlacement> {
  const outcome: StalePlacement = { placed: [], busy: [], failed: [] };
  for (const schoolId of await staleSchools(store)) {
    try {
      await within(schoolId, () => runIncremental(store, schoolId, { seed: 1, quality: "quick" }));
      outcome.placed.push(schoolId);
    } catch (error) {
      if (error instanceof RunInProgressError) outcome.busy.push(schoolId);
      else outcome.failed.push({ schoolId, error });
    }
  }
  return outcome;
}
