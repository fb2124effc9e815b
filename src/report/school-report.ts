import type { SchoolProblem } from "../domain/problem.ts";
import type { SolveOutcome } from "../../solver/solve-options.ts";
import { gapToBound, type SchoolReport } from "./run-report.ts";
import { computeSchoolMetrics } from "./school-metrics.ts";

/** A school's line of report.json: the roster's metrics, the solver's bounds, the gap, whether the load is proven optimal, and the time. */
export function schoolReportOf(problem: SchoolProblem, outcome: SolveOutcome): SchoolReport {
  const metrics = computeSchoolMetrics(problem, outcome.roster);
  const gap = outcome.bounds ? gapToBound(metrics.primaryMet, outcome.bounds.best) : undefined;
  const byExact = outcome.exact?.status === "optimal";
  const provenOptimal = byExact || gap === 0;
  const provenBy = byExact ? "exact" : outcome.bounds?.bestBy;
  return {
    ...metrics,
    bounds: outcome.bounds,
    gapToBound: gap,
    provenOptimal,
    provenGap: provenOptimal ? 0 : gap,
    ...(provenBy ? { provenBy } : {}),
    ...(outcome.exact ? { exact: outcome.exact } : {}),
    timings: outcome.timings,
  };
}
