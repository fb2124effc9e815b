/**
 * Runs started through the API, as in-process jobs: a school run (full or incremental) or a
 * district run. A POST answers 202 at once with the job; callers poll it. Every change of a
 * job's state is written to the store before it shows here (its creation before the 202), so a
 * job ID answers on any server of the store and after a restart; a job whose server died is
 * marked failed (interrupted) by the crash sweep. This table keeps the freshest copy of the jobs
 * started here (a district job's progress is saved at most once a second) and forgets the
 * oldest finished ones beyond its limit.
 */
import type { DistrictProgress } from "../district/district-progress.ts";
import { getApiJob, saveApiJob, type Store } from "../store/index.ts";
import type { ApiLog } from "./log.ts";
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
  store: Store;
  /** This server process (host:pid:token): the crash sweep fails its unfinished jobs once it is gone. */
  holder: string;
  log: ApiLog;
  /** When each running job's progress was last saved. */
  progressSaved: Map<string, number>;
}

/** An empty table keeping at most `limit` jobs in memory, every job in `store`. */
export function createJobTable(store: Store, holder: string, log: ApiLog, limit = 1000): JobTable {
  return { jobs: new Map(), pending: new Set(), limit, store, holder, log, progressSaved: new Map() };
}

/** Writes the job's state to the store. */
function saveJob(table: JobTable, job: Job): Promise<void> {
  return saveApiJob(table.store, { ...job, holder: table.holder });
}

/** saveJob for a change that must not stop the job if the store fails a moment (logged). */
async function saveQuietly(table: JobTable, job: Job): Promise<void> {
  await saveJob(table, job).catch((error: unknown) =>
    table.log({ level: "warn", message: "saving a job's state failed", jobId: job.jobId, error }),
  );
}

/** Forgets the oldest finished jobs beyond the table's limit. */
function evict(table: JobTable): void {
  for (const [id, job] of table.jobs) {
    if (table.jobs.size <= table.limit) return;
    if (job.status === "succeeded" || job.status === "failed") table.jobs.delete(id);
  }
}

/**
 * Saves a job, then runs `work` for it in the background: the job turns running when work
 * begins, then succeeded, or failed with what `describe` makes of the error. Resolves once the
 * job is in the store (so that the caller's 202 names a job that outlives this process).
 */
export async function startJob(
  table: JobTable,
  job: Job,
  work: (job: Job) => Promise<void>,
  describe: (error: unknown) => { code: string; message: string },
): Promise<void> {
  await saveJob(table, job);
  table.jobs.set(job.jobId, job);
  evict(table);
  const done = work(job)
    .then(
      () => {
        job.status = "succeeded";
      },
      (error: unknown) => {
        job.status = "failed";
        job.error = describe(error);
      },
    )
    .then(() => {
      job.finishedAt = new Date();
      table.progressSaved.delete(job.jobId);
      return saveQuietly(table, job);
    })
    .finally(() => table.pending.delete(done));
  table.pending.add(done);
}

/** Marks a job as begun (it may have waited in its school's lane). */
export async function markRunning(table: JobTable, job: Job): Promise<void> {
  job.status = "running";
  job.startedAt = new Date();
  await saveQuietly(table, job);
}

/** Records a running job's progress; saved to the store at most once a second. */
export function reportProgress(table: JobTable, job: Job, progress: DistrictProgress): void {
  job.progress = progress;
  const now = Date.now();
  if (now - (table.progressSaved.get(job.jobId) ?? 0) < 1000) return;
  table.progressSaved.set(job.jobId, now);
  void saveQuietly(table, job);
}

/** The job of this ID: this server's own copy when it has one, else the store's (another server's, or before a restart). */
export async function getJob(table: JobTable, jobId: string): Promise<Job | undefined> {
  const own = table.jobs.get(jobId);
  if (own) return own;
  const stored = await getApiJob(table.store, jobId);
  if (!stored) return undefined;
  const { holder: _holder, ...job } = stored;
  return job as Job;
}

/** Resolves when every job has finished. */
export async function settleJobs(table: JobTable): Promise<void> {
  while (table.pending.size > 0) await Promise.allSettled([...table.pending]);
}
