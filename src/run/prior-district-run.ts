/** Finds the run that a district run already saved for a school, so that a retried school reuses it instead of writing again. */
import { findSucceededRun, type RunRecord, type Store } from "../store/index.ts";
import { DISTRICT_RUN_PARAMETER } from "./district-run-id.ts";

/** Clocks of the machines that enqueue and run may differ: look this far before the district run's start. */
const CLOCK_SKEW_MS = 60 * 60_000;

/** The succeeded run of `schoolId` made for district run `districtRunId`, if any (the first, should there be two). */
export async function priorDistrictRun(
  store: Store,
  schoolId: string,
  districtRunId: string,
  since: Date,
): Promise<RunRecord | undefined> {
  return findSucceededRun(
    store,
    schoolId,
    { name: DISTRICT_RUN_PARAMETER, value: districtRunId },
    new Date(since.getTime() - CLOCK_SKEW_MS),
  );
}
