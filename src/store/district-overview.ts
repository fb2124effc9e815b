/**
 * The district at a glance, for the district view: every school with the quality of its live
 * roster and its last run, and the district runs (nightly, API, CLI) told from the school runs
 * they made (each names its district run in its parameters), so that the history needs no queue.
 */
import type { SchoolReport } from "../report/run-report.ts";
import { optionalDate, queryRows, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";
import type { RunStatus } from "./run-records.ts";

export interface SchoolOverview {
  schoolId: string;
  name: string;
  liveRunId?: number;
  /** The live run's report. */
  live?: SchoolReport;
  /** The school's latest run, live or not, finished or not. */
  lastRun?: { runId: number; status: RunStatus; startedAt: Date; finishedAt?: Date };
}

interface OverviewRow {
  school_id: string;
  name: string;
  live_run_id: unknown;
  live_metrics: string | null;
  last_run_id: unknown;
  last_status: string | null;
  last_started_at: unknown;
  last_finished_at: unknown;
}

/** Every school in the store's order, with its live report and last run. */
export async function schoolOverviews(store: Store): Promise<SchoolOverview[]> {
  const rows = await queryRows<OverviewRow>(
    store.db,
    `SELECT s.id AS school_id, s.name, l.run_id AS live_run_id, lr.metrics AS live_metrics,
            last.id AS last_run_id, last.status AS last_status, last.started_at AS last_started_at,
            last.finished_at AS last_finished_at
     FROM school s
     LEFT JOIN live_roster l ON l.school_id = s.id
     LEFT JOIN run lr ON lr.id = l.run_id
     LEFT JOIN run last ON last.id = (SELECT MAX(id) FROM run WHERE school_id = s.id)
     ORDER BY s.position`,
  );
  return rows.map((row) => ({
    schoolId: row.school_id,
    name: row.name,
    liveRunId: row.live_run_id === null ? undefined : toNumber(row.live_run_id),
    live: row.live_metrics === null ? undefined : (JSON.parse(row.live_metrics) as SchoolReport),
    lastRun:
      row.last_run_id === null
        ? undefined
        : {
            runId: toNumber(row.last_run_id),
            status: row.last_status as RunStatus,
            startedAt: toDate(row.last_started_at),
            finishedAt: optionalDate(row.last_finished_at),
          },
  }));
}

/** A district run as its school runs tell it. */
export interface DistrictRunTally {
  districtRunId: string;
  /** From the ID's prefix: nightly-…, api-…, else the CLI's. */
  trigger: "nightly" | "api" | "cli";
  startedAt: Date;
  /** When its last school run finished (so far). */
  finishedAt?: Date;
  /** School runs it made: succeeded, failed (or abandoned), still running. */
  schools: number;
  succeeded: number;
  failed: number;
  running: number;
  /** Totals of its succeeded school runs. */
  students: number;
  primaryRequests: number;
  primaryMet: number;
  fullSchedules: number;
  provenOptimal: number;
  /** Unmet requests by reason: the newest district run only (what its chart shows). */
  unscheduledByReason?: Record<string, number>;
}

interface TallyRow {
  district_run: string;
  first_id: unknown;
  started_at: unknown;
  finished_at: unknown;
  schools: unknown;
  succeeded: unknown;
  running: unknown;
  students: unknown;
  primary_requests: unknown;
  primary_met: unknown;
  full_schedules: unknown;
  proven_optimal: unknown;
}

const triggerOf = (id: string): DistrictRunTally["trigger"] =>
  id.startsWith("nightly-") ? "nightly" : id.startsWith("api-") ? "api" : "cli";

/**
 * The `limit` latest district runs, newest first, among the latest `scan` runs of the store:
 * the school runs that name one under `parameter` in their parameters (run/district-run-id.ts;
 * the store knows no run names). Added up by the database: a 1,050-school district makes 1,050
 * school runs a night, and reading their reports into JavaScript took about 250 ms of CPU for
 * two weeks of nights; the range on the run ID keeps the scan to the latest runs however long
 * the store's history.
 */
export async function districtRunTallies(
  store: Store,
  parameter: string,
  { limit = 30, scan = 50_000 } = {},
): Promise<DistrictRunTally[]> {
  const { jsonField } = store.dialect;
  const run = jsonField("parameters", parameter);
  const succeededSum = (key: string) =>
    `COALESCE(SUM(CASE WHEN status = 'succeeded' THEN CAST(${jsonField("metrics", key)} AS INTEGER) ELSE 0 END), 0)`;
  const rows = await queryRows<TallyRow>(
    store.db,
    `SELECT ${run} AS district_run, MIN(id) AS first_id, MIN(started_at) AS started_at, MAX(finished_at) AS finished_at,
            COUNT(*) AS schools,
            SUM(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
            SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS running,
            ${succeededSum("students")} AS students,
            ${succeededSum("primaryRequests")} AS primary_requests,
            ${succeededSum("primaryMet")} AS primary_met,
            ${succeededSum("fullSchedules")} AS full_schedules,
            SUM(CASE WHEN status = 'succeeded' AND metrics LIKE '%"provenOptimal":true%' THEN 1 ELSE 0 END) AS proven_optimal
     FROM run
     WHERE id > (SELECT COALESCE(MAX(id), 0) FROM run) - $1 AND parameters LIKE $2
     GROUP BY ${run} ORDER BY MIN(id) DESC LIMIT $3`,
    scan,
    `%${JSON.stringify(parameter)}:"%`,
    limit,
  );
  const tallies = rows.map((row): DistrictRunTally => {
    const schools = toNumber(row.schools);
    const succeeded = toNumber(row.succeeded);
    const running = toNumber(row.running);
    return {
      districtRunId: row.district_run,
      trigger: triggerOf(row.district_run),
      startedAt: toDate(row.started_at),
      finishedAt: optionalDate(row.finished_at),
      schools,
      succeeded,
      running,
      failed: schools - succeeded - running,
      students: toNumber(row.students),
      primaryRequests: toNumber(row.primary_requests),
      primaryMet: toNumber(row.primary_met),
      fullSchedules: toNumber(row.full_schedules),
      provenOptimal: toNumber(row.proven_optimal),
    };
  });
  const newest = tallies[0];
  if (newest) {
    const reports = await queryRows<{ metrics: string }>(
      store.db,
      `SELECT metrics FROM run WHERE id >= $1 AND status = 'succeeded' AND metrics IS NOT NULL AND parameters LIKE $2`,
      toNumber(rows[0]!.first_id),
      `%${JSON.stringify(parameter)}:${JSON.stringify(newest.districtRunId)}%`,
    );
    newest.unscheduledByReason = {};
    for (const { metrics } of reports) {
      for (const [reason, n] of Object.entries((JSON.parse(metrics) as SchoolReport).unscheduledByReason))
        newest.unscheduledByReason[reason] = (newest.unscheduledByReason[reason] ?? 0) + n;
    }
  }
  return tallies;
}
