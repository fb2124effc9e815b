/**
 * The preview of an edit before it is made: the edit checked as an edit would be (refused the
 * same way), applied in memory only, and the stable what-if (stable-load.ts) of the scenario with
 * it against the scenario as it is. Nothing is saved: the counselor commits with the edit itself.
 * Only the stable loads run (the scenario's own is cached from its last what-if): a move on the
 * 930-section high-school preset costs the server about 0.4 s of CPU (bench:workspace), where
 * the full quick runs an edit's what-if adds cost seconds.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { ScenarioSection } from "../domain/scenario.ts";
import {
  liveRoster,
  readSchoolProblemVersioned,
  ScenarioVersionError,
  type LiveRoster,
  type ScenarioRecord,
  type Store,
} from "../store/index.ts";
import { applyEdit, type ScenarioEdit } from "./edits.ts";
import type { LoadSchool } from "./loaders.ts";
import { NoLiveScheduleError } from "./scenario-errors.ts";
import { cachedStableLoad } from "./what-if-cache.ts";
import { compareLoads, type WhatIf } from "./what-if.ts";

export interface EditPreview {
  scenarioId: number;
  /** The version the edit was previewed on: commit it on this one. */
  version: number;
  edit: ScenarioEdit;
  /** The sections the edit would change, as they would be. */
  changed: ScenarioSection[];
  /** The scenario with the edit against the scenario as it is, both reached stably from the live roster. */
  stable: WhatIf;
  /** Milliseconds: loading (both sides; cached ones cost nothing) and in all. */
  timings: { load: number; total: number };
}

/** The stable what-if of `edited` against `sections`, both reached from the live roster (loads cached). */
export async function stableWhatIfBetween(
  store: Store,
  load: LoadSchool,
  at: { problem: SchoolProblem; problemVersion: number; live: LiveRoster; seed: number },
  sections: readonly ScenarioSection[],
  edited: readonly ScenarioSection[],
): Promise<WhatIf> {
  const [here, there] = await Promise.all(
    [sections, edited].map((s) => cachedStableLoad(store, load, at.problem, at.problemVersion, s, at.seed, at.live)),
  );
  return compareLoads(at.problem, { loaded: here!, sections }, { loaded: there!, sections: edited });
}

/** The edit's preview on the scenario at `version` (ScenarioVersionError if it is not there, EditRefusedError if refused). */
export async function previewEdit(
  store: Store,
  scenario: ScenarioRecord,
  version: number,
  edit: ScenarioEdit,
  load: LoadSchool,
): Promise<EditPreview> {
  const t0 = performance.now();
  if (scenario.version !== version) throw new ScenarioVersionError(scenario.scenarioId, version, scenario.version);
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, scenario.schoolId);
  const applied = applyEdit(problem, scenario.sections, edit);
  const live = await liveRoster(store, scenario.schoolId);
  if (!live) throw new NoLiveScheduleError(scenario.schoolId);
  const t1 = performance.now();
  const stable = await stableWhatIfBetween(
    store,
    load,
    { problem, problemVersion, live, seed: scenario.seed },
    scenario.sections,
    applied.sections,
  );
  const t2 = performance.now();
  const before = new Map(scenario.sections.map((s) => [s.sectionId, JSON.stringify(s)]));
  return {
    scenarioId: scenario.scenarioId,
    version: scenario.version,
    edit,
    changed: applied.sections.filter((s) => before.get(s.sectionId) !== JSON.stringify(s)),
    stable,
    timings: { load: t2 - t1, total: t2 - t0 },
  };
}
