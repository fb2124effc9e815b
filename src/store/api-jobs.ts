/**
 * Jobs the API started (school and district runs), kept in the store: a job ID answers after
 * the server that ran it restarted, on any server of the store. The server keeps the freshest
 * copy of its own jobs in memory and writes each change of state here; a job whose server died
 * before it finished is marked failed (interrupted) by the crash sweep (recover-crashed.ts).
 */
import { holderIsGone } from "./run-holder.ts";
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
  message: "the server running this job stopped before it finished; whatever the job had published stays live: start it again",
} as const;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** Writes the job as it is now (creating it the first time). */
export async function saveApiJob(store: Store, job: ApiJobRecord): Promise<void> {
  const row = {
    kind: job.kind,
    status: job.status,
    schoolIds: JSON.stringify(job.schoolIds),
    parameters: JSON.stringify(job.parameters),
    tokenId: job.tokenId,
    holder: job.holder,
    createdAt: job.createdAt,
    startedAt: job.startedAt ?? null,
    finishedAt: job.finishedAt ?? null,
    runId: job.runId ?? null,
    progress: json(job.progress),
    result: json(job.result),
    error: json(job.error),
  };
  await store.db.apiJob.upsert({ where: { id: job.jobId }, create: { id: job.jobId, ...row }, update: row });
}

/** The job of this ID, if any server of the store started it. */
export async function getApiJob(store: Store, jobId: string): Promise<ApiJobRecord | undefined> {
  const row = await store.db.apiJob.findUnique({ where: { id: jobId } });
  if (!row) return undefined;
  return {
    jobId: row.id,
    kind: row.kind,
    status: row.status as ApiJobStatus,
    schoolIds: JSON.parse(row.schoolIds) as string[],
    parameters: JSON.parse(row.parameters),
    tokenId: row.tokenId,
    holder: row.holder,
    createdAt: row.createdAt,
    startedAt: row.startedAt ?? undefined,
    finishedAt: row.finishedAt ?? undefined,
    runId: row.runId ?? undefined,
    progress: parsed(row.progress),
    result: parsed(row.result),
    error: parsed(row.error) as ApiJobRecord["error"],
  };
}

/** Marks failed (interrupted) every unfinished job whose server is gone; returns how many. */
export async function failOrphanedJobs(store: Store): Promise<number> {
  const open = await store.db.apiJob.findMany({ where: { status: { in: ["queued", "running"] } }, select: { id: true, holder: true } });
  let failed = 0;
  for (const job of open.filter((j) => holderIsGone(j.holder))) {
    // Conditional on the state read: a job that finished meanwhile keeps its outcome.
    const { count } = await store.db.apiJob.updateMany({
      where: { id: job.id, holder: job.holder, status: { in: ["queued", "running"] } },
      data: { status: "failed", finishedAt: new Date(), error: JSON.stringify(INTERRUPTED) },
    });
    failed += count;
  }
  return failed;
}
