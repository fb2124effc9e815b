/** A run's record as callers see it: status, parameters, timings, metrics and bounds parsed from JSON. */
import type { SchoolReport } from "../report/run-report.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";
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

type RunRow = NonNullable<Awaited<ReturnType<Store["db"]["run"]["findUnique"]>>>;

function toRecord(row: RunRow): RunRecord {
  return {
    runId: row.id,
    schoolId: row.schoolId,
    status: row.status as RunStatus,
    problemVersion: row.problemVersion,
    seed: row.seed,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    retryOf: row.retryOf ?? undefined,
    baseRunId: row.baseRunId ?? undefined,
    holder: row.holder,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt ?? undefined,
    timings: parse(row.timings),
    metrics: parse(row.metrics),
    bounds: parse(row.bounds),
    error: row.error ?? undefined,
  };
}

/** One run's record, or undefined. */
export async function getRun(store: Store, runId: number): Promise<RunRecord | undefined> {
  const row = await store.db.run.findUnique({ where: { id: runId } });
  return row ? toRecord(row) : undefined;
}

/**
 * A school's runs, oldest first; with `newest`, only that many of the latest (every late
 * student makes a run, so a busy school has thousands).
 */
export async function listRuns(store: Store, schoolId: string, options: { newest?: number } = {}): Promise<RunRecord[]> {
  if (options.newest === undefined) return (await store.db.run.findMany({ where: { schoolId }, orderBy: { id: "asc" } })).map(toRecord);
  const rows = await store.db.run.findMany({ where: { schoolId }, orderBy: { id: "desc" }, take: options.newest });
  return rows.reverse().map(toRecord);
}
