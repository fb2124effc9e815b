/**
 * The what-if of a scenario in the store, two ways: `whatIf`, its current master schedule
 * loaded from scratch (a full quick run of the edited problem) against its starting point
 * loaded the same way; and `stable`, the edited master schedule reached from the live roster
 * moving nobody it need not (stable-load.ts) against the starting one reached the same way:
 * who the edits move, and what they gain or cost.
 * Loads are cached, so only what the edit changed is loaded again. `full: false` leaves the
 * full quick runs out (the board's commit: the stable what-if is the one it shows, and the full
 * run of a 3,000-student school is most of an edit's round trip).
 */
import type { SchoolProblem } from "../domain/problem.ts";
import { computeSchoolMetrics } from "../report/school-metrics.ts";
import {
  liveRoster,
  readSchoolProblemVersioned,
  type LiveRoster,
  type ScenarioRecord,
  type Store,
} from "../store/index.ts";
import { NoLiveScheduleError } from "./scenario-errors.ts";
import { masterScheduleFingerprint, startingSections } from "./scenario-problem.ts";
import { cachedLoad, cachedStableLoad } from "./what-if-cache.ts";
import type { LoadSchool } from "./loaders.ts";
import { compareLoads, type Loaded, type WhatIf } from "./what-if.ts";

export interface ScenarioWhatIf {
  scenarioId: number;
  version: number;
  seed: number;
  /** The school's problem version the loads were made on (late enrollments move it). */
  problemVersion: number;
  /** A full quick run of the edited problem against the same run of the starting point. */
  whatIf: WhatIf;
  /** The live run the stable what-if starts from. */
  liveRunId: number;
  /** The edited master schedule reached from the live roster moving only whom it must, against the starting one reached alike. */
  stable: WhatIf;
  /** Milliseconds: reading the problem, loading (both sides, cached ones cost nothing), comparing. */
  timings: { read: number; load: number; compare: number; total: number };
}

/** A what-if asked for with `full: false`: the stable one only. */
export type ScenarioStableWhatIf = Omit<ScenarioWhatIf, "whatIf"> & { whatIf?: WhatIf };

/** The scenario's what-if against the school's problem as it is now. */
export async function scenarioWhatIf(store: Store, scenario: ScenarioRecord, load: LoadSchool): Promise<ScenarioWhatIf>;
/** The scenario's what-if; with `full: false` the stable one only. */
export async function scenarioWhatIf(
  store: Store,
  scenario: ScenarioRecord,
  load: LoadSchool,
  options: { full: boolean },
): Promise<ScenarioStableWhatIf>;
export async function scenarioWhatIf(
  store: Store,
  scenario: ScenarioRecord,
  load: LoadSchool,
  options: { full: boolean } = { full: true },
): Promise<ScenarioStableWhatIf> {
  const t0 = performance.now();
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, scenario.schoolId);
  const t1 = performance.now();
  const live = await liveRoster(store, scenario.schoolId);
  if (!live) throw new NoLiveScheduleError(scenario.schoolId);
  const [stableStart, stable, start, now] = await Promise.all([
    cachedStableLoad(store, load, problem, problemVersion, scenario.startSections, scenario.seed, live),
    cachedStableLoad(store, load, problem, problemVersion, scenario.sections, scenario.seed, live),
    ...(options.full
      ? [
          cachedLoad(store, load, problem, problemVersion, scenario.startSections, scenario.seed),
          cachedLoad(store, load, problem, problemVersion, scenario.sections, scenario.seed),
        ]
      : []),
  ]);
  const t2 = performance.now();
  const whatIf =
    start &&
    now &&
    compareLoads(
      problem,
      { loaded: start, sections: scenario.startSections },
      { loaded: now, sections: scenario.sections },
    );
  const stableWhatIf = compareLoads(
    problem,
    { loaded: stableStart!, sections: scenario.startSections },
    { loaded: stable!, sections: scenario.sections },
  );
  const t3 = performance.now();
  return {
    scenarioId: scenario.scenarioId,
    version: scenario.version,
    seed: scenario.seed,
    problemVersion,
    ...(whatIf ? { whatIf } : {}),
    liveRunId: live.runId,
    stable: stableWhatIf,
    timings: { read: t1 - t0, load: t2 - t1, compare: t3 - t2, total: t3 - t0 },
  };
}

/** The live roster as one side of a comparison: its figures and its master schedule. */
export function liveSide(
  problem: SchoolProblem,
  live: LiveRoster,
): { loaded: Loaded; sections: ReturnType<typeof startingSections> } {
  return {
    loaded: { roster: live.roster, report: { ...computeSchoolMetrics(problem, live.roster), timings: {} } },
    sections: startingSections(problem, live.roster.sections),
  };
}

/** Why the school's live master schedule is no longer the one the scenario started from; undefined when it still is. */
export async function liveScheduleChange(store: Store, scenario: ScenarioRecord): Promise<string | undefined> {
  const { problem } = await readSchoolProblemVersioned(store, scenario.schoolId);
  const live = await liveRoster(store, scenario.schoolId);
  if (!live) return "the school has no live roster";
  if (masterScheduleFingerprint(problem, live.roster.sections) !== scenario.baseFingerprint) {
    return live.runId === scenario.baseRunId
      ? "the school's courses, teachers, rooms or sections were re-imported"
      : `run ${live.runId} placed its sections anew`;
  }
  return undefined;
}
