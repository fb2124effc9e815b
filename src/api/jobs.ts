/**
 * Runs started through the API, as in-process jobs: a school run (full or incremental) or a
 * district run. A POST answers 202 at once with the job; callers poll it. The store keeps
 * each school run's record for good; this table only says how a job started here is doing,
 * and forgets the oldest finished jobs beyond its limit (and everything when the server stops).
 */
import type { DistrictProgress } from "../district/district-progress.ts";
import type { Quality } from "../../solver/solve-options.ts";
import type { SchoolReport } from "../report/run-report.ts";

export type JobKind = "full" | "incremental" | "district";
export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface JobResult {
  runIds?: number[];
  report?: SchoolReport;
  published?: boolean;
  placedNew?: number;
  moved?: number;
  displaced?: number;
  schoolsSucceeded?: number;
  failures?: { schoolId: string; reason: string; attempts: number }[];
}

export interface Job {
  jobId: string;
  kind: JobKind;
  status: JobStatus;
  /** School jobs: the one school; district jobs: the schools asked for. */
  schoolIds: string[];
  parameters: { seed: number; quality: Quality; [option: string]: unknown };
  /** The token that started it. */
  tokenId: number;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  runId?: number;
  progress?: DistrictProgress;
  result?: JobResult;
  error?: { code: string; message: string };
}

export interface JobTable {
  jobs: Map<string, Job>;
  /** Jobs not finished yet, to wait for on shutdown. */
  pending: Set<Promise<void>>;
  limit: number;
}

/** An empty table keeping at most `limit` jobs. */
export function createJobTable(limit = 1000): JobTable {
  return { jobs: new Map(), pending: new Set(), limit };
}

/** Forgets the oldest finished jobs beyond the table's limit. */
function evict(table: JobTable): void {
  for (const [id, job] of table.jobs) {
    if (table.jobs.size <= table.limit) return;
    if (job.status === "succeeded" || job.status === "failed") table.jobs.delete(id);
  }
}

/**
 * Adds a job and runs `work` for it in the background: the job turns running when work
 * begins, then succeeded, or failed with what `describe` makes of the error.
 */
export function startJob(
  table: JobTable,
  job: Job,
  work: (job: Job) => Promise<void>,
  describe: (error: unknown) => { code: string; message: string },
): void {
  table.jobs.set(job.jobId, job);
  evict(table);
  const done = work(job).then(
    () => {
      job.status = "succeeded";
    },
    (error: unknown) => {
      job.status = "failed";
      job.error = describe(error);
    },
  ).finally(() => {
    job.finishedAt = new Date();
    table.pending.delete(done);
  });
  table.pending.add(done);
}

/** Marks a job as begun (it may have waited in its school's lane). */
export function markRunning(job: Job): void {
  job.status = "running";
  job.startedAt = new Date();
}

/** The job of this ID, if this server started it and still remembers it. */
export function getJob(table: JobTable, jobId: string): Job | undefined {
  return table.jobs.get(jobId);
}

/** True while a district job is queued or running. */
export function districtJobActive(table: JobTable): Job | undefined {
  for (const job of table.jobs.values()) if (job.kind === "district" && (job.status === "queued" || job.status === "running")) return job;
  return undefined;
}

/** Resolves when every job has finished. */
export async function settleJobs(table: JobTable): Promise<void> {
  while (table.pending.size > 0) await Promise.allSettled([...table.pending]);
}
