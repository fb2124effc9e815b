/**
 * The published state of the store as one problem plus its live rosters and report: what
 * `mse export` writes as a roster directory.
 */
import { joinSchools } from "../domain/join-schools.ts";
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { summarize, type RunReport, type SchoolReport } from "../report/run-report.ts";
import { listSchoolIds, loadSchoolProblemVersioned } from "./load-school-problem.ts";
import { readRunRoster } from "./read-run-roster.ts";
import { getRun } from "./run-records.ts";
import type { Store } from "./store.ts";
import { describeStoreUrl } from "./store-url.ts";

export interface LiveExport {
  problem: Problem;
  rosters: SchoolRoster[];
  report: RunReport;
  /** Live run per exported school. */
  runs: Record<string, number>;
  /** Schools left out: never published. */
  unpublished: string[];
  /** Schools re-imported after their live run was made (their roster predates the problem). */
  stale: string[];
}

/** Reads every school with a live roster (or just `schoolIds`), its problem, roster and metrics. */
export async function exportLive(store: Store, schoolIds?: string[]): Promise<LiveExport> {
  const ids = schoolIds ?? (await listSchoolIds(store));
  const live = new Map((await store.db.liveRoster.findMany({ where: { schoolId: { in: ids } } })).map((l) => [l.schoolId, l.runId]));
  const problems: SchoolProblem[] = [];
  const rosters: SchoolRoster[] = [];
  const reports: SchoolReport[] = [];
  const runs: Record<string, number> = {};
  const stale: string[] = [];
  let startedAt: Date | undefined;
  let finishedAt: Date | undefined;
  for (const schoolId of ids) {
    const runId = live.get(schoolId);
    if (runId === undefined) continue;
    const { problem, problemVersion } = await loadSchoolProblemVersioned(store, schoolId);
    const run = (await getRun(store, runId))!;
    if (run.problemVersion !== problemVersion) stale.push(schoolId);
    problems.push(problem);
    rosters.push(await readRunRoster(store, runId));
    if (run.metrics) reports.push(run.metrics);
    runs[schoolId] = runId;
    if (!startedAt || run.startedAt < startedAt) startedAt = run.startedAt;
    if (run.finishedAt && (!finishedAt || run.finishedAt > finishedAt)) finishedAt = run.finishedAt;
  }
  const now = new Date();
  const report = summarize(reports, { startedAt: startedAt ?? now, finishedAt: finishedAt ?? now, parameters: { source: "store", url: describeStoreUrl(store.url), runs } });
  return { problem: joinSchools(problems), rosters, report, runs, unpublished: ids.filter((id) => !live.has(id)), stale };
}
