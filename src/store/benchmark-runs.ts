/** QA's benchmarks (POST /v1/benchmarks) as kept for their history: figures only, never student data. */
import type { SchoolReport } from "../report/run-report.ts";
import { execute, optional, queryRows, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export interface BenchmarkRunRecord {
  id: number;
  tokenId: number;
  preset: string;
  seed: number;
  quality: string;
  startedAt: Date;
  wallMs: number;
  stoppedBy?: string;
  violations: number;
  report: SchoolReport;
}

interface BenchmarkRow {
  id: unknown;
  token_id: unknown;
  preset: string;
  seed: unknown;
  quality: string;
  started_at: unknown;
  wall_ms: unknown;
  stopped_by: string | null;
  violations: unknown;
  report: string;
}

/** Keeps a benchmark's figures. */
export async function saveBenchmarkRun(store: Store, run: Omit<BenchmarkRunRecord, "id">): Promise<void> {
  await store.db.transaction((tx) =>
    execute(
      tx,
      `INSERT INTO benchmark_run (token_id, preset, seed, quality, started_at, wall_ms, stopped_by, violations, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      run.tokenId,
      run.preset,
      run.seed,
      run.quality,
      timestampValue(store, run.startedAt),
      run.wallMs,
      run.stoppedBy ?? null,
      run.violations,
      JSON.stringify(run.report),
    ),
  );
}

/** The `newest` latest benchmarks, newest first. */
export async function listBenchmarkRuns(store: Store, newest: number): Promise<BenchmarkRunRecord[]> {
  const rows = await queryRows<BenchmarkRow>(
    store.db,
    `SELECT id, token_id, preset, seed, quality, started_at, wall_ms, stopped_by, violations, report
     FROM benchmark_run ORDER BY id DESC LIMIT $1`,
    newest,
  );
  return rows.map((row) => ({
    id: toNumber(row.id),
    tokenId: toNumber(row.token_id),
    preset: row.preset,
    seed: toNumber(row.seed),
    quality: row.quality,
    startedAt: toDate(row.started_at),
    wallMs: toNumber(row.wall_ms),
    stoppedBy: optional(row.stopped_by),
    violations: toNumber(row.violations),
    report: JSON.parse(row.report) as SchoolReport,
  }));
}
