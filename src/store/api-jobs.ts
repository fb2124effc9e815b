/**
 * Jobs the API started (school and district runs), kept in the store: a job ID answers after
 * the server that ran it restarted, on any server of the store. The server keeps the freshest
 * copy of its own jobs in memory and writes each change of state here; a job whose server died
 * before it finished is marked failed (interrupted) by the crash sweep (recover-crashed.ts).
 */
import { holderIsGone } from "./run-holder.ts";
import { execute, optional, optionalDate, queryRows, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export type ApiJobStatus = "queued" | "running" | "succeeded" | "failed";

/** A job as kept: its JSON parts (parameters, progress, result) are the API's to shape. */
export interface ApiJobRecord {
  jobId: string;
  kind: string;
  status: ApiJobStatus;
  schoolIds: string[];
  parameters: unknown;
  tokenId: number;
  /** host:pid:token of the server running it. */
  holder: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  runId?: number;
  progress?: unknown;
  result?: unknown;
  error?: { code: string; message: string };
}

/** What a job whose server died says. */
export const INTERRUPTED = {
  code: "interrupted",
  message:
    "the server running this job stopped before it finished; whatever the job had published stays live: start it again",
} as const;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

const COLUMNS = [
  "kind",
  "status",
  "school_ids",
  "parameters",
  "token_id",
  "holder",
  "created_at",
  "started_at",
  "finished_at",
  "run_id",
  "progress",
  "result",
  "error",
];

/** Writes the job as it is now (creating it the first time). */
export async function saveApiJob(store: Store, job: ApiJobRecord): Promise<void> {
  const at = (date: Date | undefined) => (date === undefined ? null : timestampValue(store, date));
  const values = [
    job.kind,
    job.status,
    JSON.stringify(job.schoolIds),
    JSON.stringify(job.parameters),
    job.tokenId,
    job.holder,
    at(job.createdAt),
    at(job.startedAt),
    at(job.finishedAt),
    job.runId ?? null,
    json(job.progress),
    json(job.result),
    json(job.error),
  ];
  await execute(
    store.db,
    `INSERT INTO api_job (id, ${COLUMNS.join(", ")}) VALUES ($1, ${COLUMNS.map((_, i) => `$${i + 2}`).join(", ")})
     ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}`,
    job.jobId,
    ...values,
  );
}

interface JobRow {
  id: string;
  kind: string;
  status: string;
  school_ids: string;
  parameters: string;
  token_id: unknown;
  holder: string;
  created_at: unknown;
  started_at: unknown;
  finished_at: unknown;
  run_id: unknown;
  progress: string | null;
  result: string | null;
  error: string | null;
}

/** The job of this ID, if any server of the store started it. */
export async function getApiJob(store: Store, jobId: string): Promise<ApiJobRecord | undefined> {
  const [row] = await queryRows<JobRow>(store.db, `SELECT id, ${COLUMNS.join(", ")} FROM api_job WHERE id = $1`, jobId);
  if (!row) return undefined;
  const runId = optional(row.run_id);
  return {
    jobId: row.id,
    kind: row.kind,
    status: row.status as ApiJobStatus,
    schoolIds: JSON.parse(row.school_ids) as string[],
    parameters: JSON.parse(row.parameters),
    tokenId: toNumber(row.token_id),
    holder: row.holder,
    createdAt: toDate(row.created_at),
    startedAt: optionalDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    runId: runId === undefined ? undefined : toNumber(runId),
    progress: parsed(row.progress),
    result: parsed(row.result),
    error: parsed(row.error) as ApiJobRecord["error"],
  };
}

/** Marks failed (interrupted) every unfinished job whose server is gone; returns how many. */
export async function failOrphanedJobs(store: Store): Promise<number> {
  const open = await queryRows<{ id: string; holder: string }>(
    store.db,
    `SELECT id, holder FROM api_job WHERE status IN ('queued', 'running')`,
  );
  let failed = 0;
  for (const job of open.filter((j) => holderIsGone(j.holder))) {
    // Conditional on the state read: a job that finished meanwhile keeps its outcome.
    failed += await execute(
      store.db,
      `UPDATE api_job SET status = 'failed', finished_at = $1, error = $2 WHERE id = $3 AND holder = $4 AND status IN ('queued', 'running')`,
      timestampValue(store, new Date()),
      JSON.stringify(INTERRUPTED),
      job.id,
      job.holder,
    );
  }
  return failed;
}
