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
  students: number;
  primaryRequests: number;
  primaryMet: number;
  fullSchedules: number;
  provenOptimal: number;
  unscheduledByReason: Record<string, number>;
}

interface TallyRow {
  status: string;
  parameters: string;
  started_at: unknown;
  finished_at: unknown;
  metrics: string | null;
}

const triggerOf = (id: string): DistrictRunTally["trigger"] =>
  id.startsWith("nightly-") ? "nightly" : id.startsWith("api-") ? "api" : "cli";

/**
 * The `limit` latest district runs, newest first, from at most `scan` of the latest school runs
 * that name one under `parameter` in their parameters (run/district-run-id.ts: the store knows
 * no run names). A 1,050-school district makes 1,050 a night: the default reads about two weeks.
 */
export async function districtRunTallies(
  store: Store,
  parameter: string,
  { limit = 30, scan = 20_000 } = {},
): Promise<DistrictRunTally[]> {
  const rows = await queryRows<TallyRow>(
    store.db,
    `SELECT status, parameters, started_at, finished_at, metrics FROM run
     WHERE parameters LIKE $1 ORDER BY id DESC LIMIT $2`,
    `%${JSON.stringify(parameter)}:"%`,
    scan,
  );
  const tallies = new Map<string, DistrictRunTally>();
  for (const row of rows) {
    const id = (JSON.parse(row.parameters) as Record<string, unknown>)[parameter];
    if (typeof id !== "string") continue;
    let tally = tallies.get(id);
    if (!tally) {
      if (tallies.size === limit) continue;
      tally = {
        districtRunId: id,
        trigger: triggerOf(id),
        startedAt: toDate(row.started_at),
        schools: 0,
        succeeded: 0,
        failed: 0,
        running: 0,
        students: 0,
        primaryRequests: 0,
        primaryMet: 0,
        fullSchedules: 0,
        provenOptimal: 0,
        unscheduledByReason: {},
      };
      tallies.set(id, tally);
    }
    const started = toDate(row.started_at);
    if (started < tally.startedAt) tally.startedAt = started;
    const finished = optionalDate(row.finished_at);
    if (finished && (!tally.finishedAt || finished > tally.finishedAt)) tally.finishedAt = finished;
    tally.schools += 1;
    if (row.status === "succeeded") tally.succeeded += 1;
    else if (row.status === "running") tally.running += 1;
    else tally.failed += 1;
    if (row.status !== "succeeded" || row.metrics === null) continue;
    const m = JSON.parse(row.metrics) as SchoolReport;
    tally.students += m.students;
    tally.primaryRequests += m.primaryRequests;
    tally.primaryMet += m.primaryMet;
    tally.fullSchedules += m.fullSchedules;
    if (m.provenOptimal) tally.provenOptimal += 1;
    for (const [reason, n] of Object.entries(m.unscheduledByReason))
      tally.unscheduledByReason[reason] = (tally.unscheduledByReason[reason] ?? 0) + n;
  }
  return [...tallies.values()];
}
