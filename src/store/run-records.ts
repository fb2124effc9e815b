/** A run's record as callers see it: status, parameters, timings, metrics and bounds parsed from JSON. */
import type { SchoolReport } from "../report/run-report.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";
import { optionalDate, queryRows, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export type RunStatus = "running" | "succeeded" | "failed" | "abandoned";

export interface RunRecord {
  runId: number;
  schoolId: string;
  status: RunStatus;
  problemVersion: number;
  seed: number;
  parameters: Record<string, unknown>;
  retryOf?: number;
  /** Set on a delta run: the run whose roster it changes (see run-chain.ts). */
  baseRunId?: number;
  holder: string;
  startedAt: Date;
  finishedAt?: Date;
  timings?: Record<string, number>;
  metrics?: SchoolReport;
  bounds?: RequestBounds;
  error?: string;
}

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));
const optionalNumber = (value: unknown) => (value === null || value === undefined ? undefined : toNumber(value));

const COLUMNS = `id, school_id, status, problem_version, seed, parameters, retry_of, base_run_id, holder, started_at, finished_at, timings, metrics, bounds, error`;

interface RunRow {
  id: unknown;
  school_id: string;
  status: string;
  problem_version: unknown;
  seed: unknown;
  parameters: string;
  retry_of: unknown;
  base_run_id: unknown;
  holder: string;
  started_at: unknown;
  finished_at: unknown;
  timings: string | null;
  metrics: string | null;
  bounds: string | null;
  error: string | null;
}

function toRecord(row: RunRow): RunRecord {
  return {
    runId: toNumber(row.id),
    schoolId: row.school_id,
    status: row.status as RunStatus,
    problemVersion: toNumber(row.problem_version),
    seed: toNumber(row.seed),
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    retryOf: optionalNumber(row.retry_of),
    baseRunId: optionalNumber(row.base_run_id),
    holder: row.holder,
    startedAt: toDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    timings: parse(row.timings),
    metrics: parse(row.metrics),
    bounds: parse(row.bounds),
    error: row.error ?? undefined,
  };
}

/** One run's record, or undefined. */
export async function getRun(store: Store, runId: number): Promise<RunRecord | undefined> {
  const [row] = await queryRows<RunRow>(store.db, `SELECT ${COLUMNS} FROM run WHERE id = $1`, runId);
  return row ? toRecord(row) : undefined;
}

/**
 * A school's runs, oldest first; with `newest`, only that many of the latest (every late
 * student makes a run, so a busy school has thousands).
 */
export async function listRuns(
  store: Store,
  schoolId: string,
  options: { newest?: number } = {},
): Promise<RunRecord[]> {
  if (options.newest === undefined)
    return (
      await queryRows<RunRow>(store.db, `SELECT ${COLUMNS} FROM run WHERE school_id = $1 ORDER BY id`, schoolId)
    ).map(toRecord);
  const rows = await queryRows<RunRow>(
    store.db,
    `SELECT ${COLUMNS} FROM run WHERE school_id = $1 ORDER BY id DESC LIMIT $2`,
    schoolId,
    options.newest,
  );
  return rows.reverse().map(toRecord);
}

/**
 * The first succeeded run of `schoolId` started at `since` or later whose parameters hold
 * `value` under `name` (e.g. the district run it was made for), if any.
 */
export async function findSucceededRun(
  store: Store,
  schoolId: string,
  parameter: { name: string; value: unknown },
  since: Date,
): Promise<RunRecord | undefined> {
  const rows = await queryRows<RunRow>(
    store.db,
    `SELECT ${COLUMNS} FROM run WHERE school_id = $1 AND status = 'succeeded' AND started_at >= $2 ORDER BY id`,
    schoolId,
    timestampValue(store, since),
  );
  const match = rows.find(
    (row) => (JSON.parse(row.parameters) as Record<string, unknown>)[parameter.name] === parameter.value,
  );
  return match ? toRecord(match) : undefined;
}
