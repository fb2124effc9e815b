/** Records of the store and jobs of this server as the API shows them: plain JSON, dates as ISO text. */
import type { RunRecord } from "../store/index.ts";
import type { Job } from "./jobs.ts";

/** Drops the keys whose value is undefined (absent in JSON, as the schemas say). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

/** A run record of the store; `live` says whether it is the school's live roster. */
export function runRecordView(run: RunRecord, live: boolean) {
  return compact({
    runId: run.runId,
    schoolId: run.schoolId,
    status: run.status,
    problemVersion: run.problemVersion,
    seed: run.seed,
    parameters: run.parameters,
    retryOf: run.retryOf,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    live,
    metrics: run.metrics,
    error: run.error,
  });
}

/** A job started through this server. District jobs do not list their schools (see progress). */
export function jobView(job: Job) {
  return compact({
    jobId: job.jobId,
    kind: job.kind,
    status: job.status,
    schoolIds: job.kind === "district" ? undefined : job.schoolIds,
    parameters: job.parameters,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    runId: job.runId,
    progress: job.progress && compact({ ...job.progress, last: undefined }),
    result: job.result && compact(job.result),
    error: job.error,
  });
}

/** Where a job is polled. */
export function jobLocation(jobId: string): string {
  return `/v1/jobs/${encodeURIComponent(jobId)}`;
}
