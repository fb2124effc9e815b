/** The nightly's publish phase: every scheduled school saved as a run and made live, as runSchools does. */
import type { SchoolRoster } from "../src/domain/roster.ts";
import type { SchoolReport } from "../src/report/run-report.ts";
import { saveRunResult, startRun, type Store } from "../src/store/index.ts";

/**
 * Saves and publishes each roster as a run of its school (one transaction per school), `lanes`
 * schools at once. On PostgreSQL the lanes are server processes writing side by side, so one
 * school's commit waits while another writes; SQLite takes its write lock in turn.
 */
export async function publishRosters(
  store: Store,
  rosters: readonly SchoolRoster[],
  reports: readonly SchoolReport[],
  options: { seed: number; lanes: number },
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < rosters.length; i = next++) {
      const handle = await startRun(store, rosters[i]!.schoolId, { seed: options.seed });
      await saveRunResult(store, handle, { roster: rosters[i]!, metrics: reports[i] }, { publish: true });
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, lane));
}
