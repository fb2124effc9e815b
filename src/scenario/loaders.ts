/**
 * Where a what-if's loads run: on this thread (the CLI, the specs) or on a worker pool (the
 * API: never on its HTTP thread). Each loads from scratch (a quick run) or stably from a base
 * roster (stable-load.ts).
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { decodeValue, type SchoolTask } from "../district/school-task.ts";
import type { SolvePool } from "../district/solve-pool.ts";
import { schoolReportOf } from "../report/school-report.ts";
import { scheduleSchool } from "../run/schedule-school.ts";
import { scenarioLoadTask, type ScenarioLoadTask } from "./scenario-load-task.ts";
import { stableLoad } from "./stable-load.ts";
import type { Loaded } from "./what-if.ts";

/** Loads a problem at quick quality with a seed, from scratch or (stable) from a base roster; where it runs is the caller's choice. */
export interface LoadSchool {
  load(problem: SchoolProblem, seed: number): Promise<Loaded>;
  stable(problem: SchoolProblem, base: SchoolRoster, seed: number): Promise<Loaded>;
}

/** The quality of every what-if: a counselor's pass. */
export const WHAT_IF_QUALITY = "quick" as const;

/** Loads on this thread (the CLI, the specs). */
export const loadInline: LoadSchool = {
  load: async (problem, seed) => {
    const outcome = await scheduleSchool(problem, { seed, quality: WHAT_IF_QUALITY, loader: "solver" });
    return { roster: outcome.roster, report: schoolReportOf(problem, outcome) };
  },
  stable: (problem, base, seed) => stableLoad(problem, base, seed),
};

/** Loads on a worker pool, off the calling thread; the school's problem and live roster cross once (scenario-load-task.ts). */
export function loadOnPool(pool: () => SolvePool): LoadSchool {
  // The pool's second task takes its own message (workers/solve-school-task.ts, scenarioLoad).
  const run = async (task: ScenarioLoadTask) =>
    decodeValue<Loaded>(await pool().run(task as unknown as SchoolTask, { name: "scenarioLoad" }));
  return {
    load: (problem, seed) => run(scenarioLoadTask("load", problem, seed)),
    stable: (problem, base, seed) => run(scenarioLoadTask("stable", problem, seed, base)),
  };
}
