/**
 * Promotion: the scenario becomes the school's master schedule in one step. Its sections
 * (placed as the scenario places them, closed ones left out) replace the school's in a new
 * problem version, the school is run at full quality on it, and the run is published. Refused
 * if the live master schedule changed since the scenario was made (LiveScheduleChangedError):
 * promoting would silently undo that change. The full run is solved and checked by the
 * validator before anything is written, so a failed solve leaves the store as it was.
 */
import { joinSchools } from "../domain/join-schools.ts";
import { assertValidSchoolRoster } from "../run/invalid-roster.ts";
import { runSchool } from "../run/run-school.ts";
import { scheduleWithReport, type ScheduleOptions, type Solve } from "../run/schedule-school.ts";
import type { SchoolReport } from "../report/run-report.ts";
import {
  getScenario,
  importProblem,
  readSchoolProblem,
  markScenarioPromoted,
  ScenarioClosedError,
  ScenarioVersionError,
  UnknownScenarioError,
  type ScenarioRecord,
  type Store,
} from "../store/index.ts";
import { LiveScheduleChangedError } from "./scenario-errors.ts";
import { scenarioProblem } from "./scenario-problem.ts";
import { liveScheduleChange } from "./scenario-what-if.ts";

export interface PromoteOptions {
  /** Seed of the full run (default: the scenario's). */
  seed?: number;
  /** Solves the school (the API: on its pool); the real solver inline by default. */
  solve?: Solve;
}

export interface PromoteOutcome {
  scenarioId: number;
  problemVersion: number;
  runId: number;
  report: SchoolReport;
}

/** Refuses a scenario that is not open at `version`, or whose starting master schedule is no longer live; returns it as the store has it now. */
export async function checkPromotable(store: Store, scenarioId: number, version: number): Promise<ScenarioRecord> {
  const scenario = await getScenario(store, scenarioId);
  if (!scenario) throw new UnknownScenarioError(scenarioId);
  if (scenario.status !== "open") throw new ScenarioClosedError(scenario.scenarioId, scenario.status);
  if (scenario.version !== version) throw new ScenarioVersionError(scenario.scenarioId, version, scenario.version);
  const change = await liveScheduleChange(store, scenario);
  if (change) throw new LiveScheduleChangedError(scenario.scenarioId, change);
  return scenario;
}

/** Promotes the scenario at `version` (as the store has it when the promotion starts): new problem version, full run, published. */
export async function promoteScenario(
  store: Store,
  scenarioId: number,
  version: number,
  options: PromoteOptions = {},
): Promise<PromoteOutcome> {
  const scenario = await checkPromotable(store, scenarioId, version);
  const { schoolId } = scenario;
  const problem = scenarioProblem(await readSchoolProblem(store, schoolId), scenario.sections);
  const schedule: ScheduleOptions = {
    seed: options.seed ?? scenario.seed,
    quality: "full",
    loader: "solver",
  };
  const solve: Solve = options.solve ?? scheduleWithReport;
  const solved = await solve(problem, schedule);
  assertValidSchoolRoster(problem, solved.outcome.roster, `the full run of scenario ${scenarioId}`);
  // The solve took seconds: make sure nothing changed the scenario or the live schedule meanwhile.
  await checkPromotable(store, scenarioId, version);
  const imported = await importProblem(store, joinSchools([problem]));
  // Another process's run of the school may hold its lease a moment: wait for it rather than leave the new version unpublished.
  const run = await runSchool(store, schoolId, { schedule, publish: true, solve: async () => solved, waitMs: 60_000 });
  await markScenarioPromoted(store, scenarioId, version, run.runId);
  return { scenarioId, problemVersion: imported.versions[schoolId]!, runId: run.runId, report: run.report };
}
