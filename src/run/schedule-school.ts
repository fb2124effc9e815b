import type { SchoolProblem } from "../domain/problem.ts";
import { firstFitLoad } from "../../solver/baseline/first-fit.ts";
import type { SolveOptions, SolveOutcome } from "../../solver/solve-options.ts";
import { buildThenLoad } from "../../solver/master-schedule/build-then-load.ts";
import { checkBuildable } from "../../solver/master-schedule/check-buildable.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { capacityBound } from "../../solver/bounds/capacity-bound.ts";
import { timeBound } from "../../solver/bounds/time-bound.ts";
import type { SchoolReport } from "../report/run-report.ts";
import type { Violation } from "../../solver/check/violation.ts";
import { schoolReportOf } from "../report/school-report.ts";
import type { RunResult } from "../store/index.ts";

/** Which loader places the students: the real solver, or the naive baseline it is measured against. */
export type LoaderName = "solver" | "first-fit";

/** How a school is scheduled: the solver's options and the loader. Plain data: it crosses threads and queues and is kept with each run. */
export interface ScheduleOptions extends SolveOptions {
  loader: LoaderName;
}

/**
 * Schedules one school: builds its master schedule where sections lack a period, teacher or
 * room, then loads its students (with the solver, or the first-fit baseline it is measured
 * against). Same problem and options, same roster, on any thread or machine.
 */
export async function scheduleSchool(problem: SchoolProblem, options: ScheduleOptions): Promise<SolveOutcome> {
  if (options.loader === "first-fit") {
    const started = performance.now();
    const roster = firstFitLoad(problem);
    const load = performance.now() - started;
    // The baseline has no bounds of its own; the solver's cheap ones make its gap comparable.
    const instance = compileInstance(problem);
    const capacity = capacityBound(instance);
    const time = timeBound(instance);
    return { roster, bounds: { capacity, time, best: Math.min(capacity, time) }, timings: { load } };
  }
  const unbuildable = checkBuildable(problem);
  if (unbuildable.length > 0) throw new UnbuildableSchoolError(problem.school.schoolId, unbuildable);
  return buildThenLoad(problem, options);
}

/** A school whose master schedule cannot be built as given; the messages say what to fix. */
export class UnbuildableSchoolError extends Error {
  constructor(
    readonly schoolId: string,
    readonly problems: string[],
  ) {
    super(`school "${schoolId}" cannot be built:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "UnbuildableSchoolError";
  }
}

/** A scheduled school: the solver's outcome and the school's line of report.json (an incremental run adds the delta to save it as). */
export interface ScheduledSchool {
  outcome: SolveOutcome;
  report: SchoolReport;
  delta?: RunResult["delta"];
  /**
   * What the independent validator found wrong with the roster, when the thread that solved it
   * checked it (a pool worker): runSchool then takes that verdict instead of checking again on
   * the thread that answers requests. Absent: runSchool checks.
   */
  violations?: Violation[];
}

/** The `solve(problem, options)` contract of every executor: this thread, the pool (an incremental run brings its own). */
/** Which run a solve is for, and the version of the problem it was given (a pool may keep the school between runs). */
export interface SolveFor {
  runId: number;
  problemVersion: number;
}

export type Solve = (problem: SchoolProblem, options: ScheduleOptions, run?: SolveFor) => Promise<ScheduledSchool>;

/** A solver outcome with the school's report line, as a Solve returns it. */
export function withReport(problem: SchoolProblem, outcome: SolveOutcome): ScheduledSchool {
  return { outcome, report: schoolReportOf(problem, outcome) };
}

/** scheduleSchool with the school's report line: the solve of this thread, of every pool worker and so of the queue's workers. */
export async function scheduleWithReport(problem: SchoolProblem, options: ScheduleOptions): Promise<ScheduledSchool> {
  return withReport(problem, await scheduleSchool(problem, options));
}
