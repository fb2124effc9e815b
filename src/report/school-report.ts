import type { SchoolProblem } from "../domain/problem.ts";
import type { SolveOutcome } from "../../solver/solve-options.ts";
import { gapToBound, type SchoolReport } from "./run-report.ts";
import { computeSchoolMetrics } from "./school-metrics.ts";

/** A school's line of report.json: the roster's metrics, the solver's bounds, the gap and the time. */
export function schoolReportOf(problem: SchoolProblem, outcome: SolveOutcome): SchoolReport {
  const metrics = computeSchoolMetrics(problem, outcome.roster);
  return {
    ...metrics,
    bounds: outcome.bounds,
    gapToBound: outcome.bounds ? gapToBound(metrics.primaryMet, outcome.bounds.best) : undefined,
    timings: outcome.timings,
  };
}
