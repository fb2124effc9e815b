/** Adds a district run's school results up into the summary its parent job keeps. */
import { summarize } from "../report/run-report.ts";
import type { DistrictJobData, DistrictRunSummary, SchoolJobResult } from "./queue-jobs.ts";
import type { SchoolFailure } from "./school-failure.ts";

/** The summary of a finished district run; schools are listed by ID so the summary does not depend on finishing order. */
export function summarizeDistrictRun(
  data: DistrictJobData,
  results: SchoolJobResult[],
  failures: SchoolFailure[],
  finishedAt: Date,
): DistrictRunSummary {
  const byId = (a: { schoolId: string }, b: { schoolId: string }) =>
    a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0;
  const ordered = [...results].sort(byId);
  const report = summarize(
    ordered.map((r) => r.report),
    { startedAt: new Date(data.startedAt), finishedAt, parameters: {} },
  );
  return {
    districtRunId: data.districtRunId,
    trigger: data.trigger,
    startedAt: data.startedAt,
    finishedAt: finishedAt.toISOString(),
    schools: data.schools,
    succeeded: results.length,
    reused: results.filter((r) => r.reused).length,
    failed: [...failures].sort(byId),
    totals: report.totals,
  };
}
