import { groupBySchool } from "../domain/group-by-school.ts";
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { firstFitLoad } from "../../solver/baseline/first-fit.ts";
import type { SolveOptions, SolveOutcome } from "../../solver/solve-options.ts";
import { buildThenLoad } from "../../solver/master-schedule/build-then-load.ts";
import { checkBuildable } from "../../solver/master-schedule/check-buildable.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { capacityBound } from "../../solver/bounds/capacity-bound.ts";
import { timeBound } from "../../solver/bounds/time-bound.ts";
import { schoolReportOf } from "../report/school-report.ts";
import { summarize, type RunReport, type SchoolReport } from "../report/run-report.ts";

/** Which loader places the students: the real solver, or the naive baseline it is measured against. */
export type LoaderName = "solver" | "first-fit";

export interface ScheduleOptions extends SolveOptions {
  loader: LoaderName;
  /** Called after each school, e.g. to drive a progress bar. */
  onSchoolDone?: (report: SchoolReport) => void;
}

/** Runs one school through the chosen loader. */
export function scheduleSchool(problem: SchoolProblem, options: ScheduleOptions): SolveOutcome {
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
  constructor(readonly schoolId: string, readonly problems: string[]) {
    super(`school "${schoolId}" cannot be built:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "UnbuildableSchoolError";
  }
}

/** Schedules every school of a problem in this thread, in input order; returns rosters and report.json. */
export function scheduleProblem(problem: Problem, options: ScheduleOptions): { rosters: SchoolRoster[]; report: RunReport } {
  const startedAt = new Date();
  const rosters: SchoolRoster[] = [];
  const schools: SchoolReport[] = [];
  for (const school of groupBySchool(problem)) {
    const outcome = scheduleSchool(school, options);
    const report = schoolReportOf(school, outcome);
    rosters.push(outcome.roster);
    schools.push(report);
    options.onSchoolDone?.(report);
  }
  const { onSchoolDone: _, ...parameters } = options;
  return { rosters, report: summarize(schools, { startedAt, finishedAt: new Date(), parameters }) };
}
