/** The what-if of a scenario in the store: its starting point and its current master schedule loaded (cached), compared. */
import { liveRoster, loadSchoolProblemVersioned, type ScenarioRecord, type Store } from "../store/index.ts";
import { masterScheduleFingerprint } from "./scenario-problem.ts";
import { cachedLoad } from "./what-if-cache.ts";
import { compareLoads, type LoadSchool, type WhatIf } from "./what-if.ts";

export interface ScenarioWhatIf {
  scenarioId: number;
  version: number;
  seed: number;
  /** The school's problem version the loads were made on (late enrollments move it). */
  problemVersion: number;
  whatIf: WhatIf;
  /** Milliseconds: reading the problem, loading (both sides, cached ones cost nothing), comparing. */
  timings: { read: number; load: number; compare: number; total: number };
}

/** The scenario's what-if against the school's problem as it is now. */
export async function scenarioWhatIf(store: Store, scenario: ScenarioRecord, load: LoadSchool): Promise<ScenarioWhatIf> {
  const t0 = performance.now();
  const { problem, problemVersion } = await loadSchoolProblemVersioned(store, scenario.schoolId);
  const t1 = performance.now();
  const [start, now] = await Promise.all([
    cachedLoad(store, load, problem, problemVersion, scenario.startSections, scenario.seed),
    cachedLoad(store, load, problem, problemVersion, scenario.sections, scenario.seed),
  ]);
  const t2 = performance.now();
  const whatIf = compareLoads(problem, { loaded: start, sections: scenario.startSections }, { loaded: now, sections: scenario.sections });
  const t3 = performance.now();
  return {
    scenarioId: scenario.scenarioId, version: scenario.version, seed: scenario.seed, problemVersion, whatIf,
    timings: { read: t1 - t0, load: t2 - t1, compare: t3 - t2, total: t3 - t0 },
  };
}

/** Why the school's live master schedule is no longer the one the scenario started from; undefined when it still is. */
export async function liveScheduleChange(store: Store, scenario: ScenarioRecord): Promise<string | undefined> {
  const { problem } = await loadSchoolProblemVersioned(store, scenario.schoolId);
  const live = await liveRoster(store, scenario.schoolId);
  if (!live) return "the school has no live roster";
  if (masterScheduleFingerprint(problem, live.roster.sections) !== scenario.baseFingerprint) {
    return live.runId === scenario.baseRunId ? "the school's courses, teachers, rooms or sections were re-imported" : `run ${live.runId} placed its sections anew`;
  }
  return undefined;
}
