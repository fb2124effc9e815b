/** Making a scenario: a copy of the school's live master schedule, every section placed as the live roster placed it. */
import {
  createScenario,
  liveRoster,
  readSchoolProblemVersioned,
  type ScenarioRecord,
  type Store,
} from "../store/index.ts";
import { NoLiveScheduleError } from "./scenario-errors.ts";
import { masterScheduleFingerprint, startingSections } from "./scenario-problem.ts";

export interface OpenScenarioRequest {
  name: string;
  author: string;
  /** Seed of every what-if of the scenario (default 1). */
  seed?: number;
}

/** Creates a scenario of the school's live master schedule; refuses a school with no live roster or a name in use. */
export async function openScenario(
  store: Store,
  schoolId: string,
  request: OpenScenarioRequest,
): Promise<ScenarioRecord> {
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, schoolId);
  const live = await liveRoster(store, schoolId);
  if (!live) throw new NoLiveScheduleError(schoolId);
  return createScenario(store, {
    schoolId,
    name: request.name,
    author: request.author,
    seed: request.seed ?? 1,
    baseProblemVersion: problemVersion,
    baseRunId: live.runId,
    baseFingerprint: masterScheduleFingerprint(problem, live.roster.sections),
    sections: startingSections(problem, live.roster.sections),
  });
}
