/** Follows a district run on the queue until its parent job has the summary, reporting progress meanwhile. */
import { Queue } from "bullmq";
import { remainingMs, type DistrictProgress } from "./district-progress.ts";
import type { DistrictJobData, DistrictRunSummary, SchoolJobResult } from "./queue-jobs.ts";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";

export interface WaitOptions {
  onProgress?: (progress: DistrictProgress) => void;
  /** How often to look (default 1 s). */
  pollMs?: number;
  /** Give up after this long (default: never). The run goes on without the waiter. */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The progress of a run from what its parent job holds: the results of finished schools and the count of failed ones. */
export function progressFromResults(
  data: DistrictJobData,
  results: SchoolJobResult[],
  failed: number,
  now: number,
): DistrictProgress {
  const progress: DistrictProgress = {
    schoolsTotal: data.schools,
    schoolsDone: results.length + failed,
    schoolsFailed: failed,
    studentsTotal: data.students,
    studentsDone: results.reduce((n, r) => n + r.report.students, 0),
    studentsPlaced: results.reduce((n, r) => n + r.report.students - r.report.studentsWithNothing, 0),
    elapsedMs: Math.max(0, now - Date.parse(data.startedAt)),
  };
  progress.remainingMs = remainingMs(progress);
  return progress;
}

/** The progress of a finished run, from its summary. */
export function finalProgress(data: DistrictJobData, summary: DistrictRunSummary): DistrictProgress {
  return {
    schoolsTotal: summary.schools,
    schoolsDone: summary.schools,
    schoolsFailed: summary.failed.length,
    studentsTotal: data.students,
    studentsDone: data.students,
    studentsPlaced: summary.totals.students - summary.totals.studentsWithNothing,
    elapsedMs: Math.max(0, Date.parse(summary.finishedAt) - Date.parse(data.startedAt)),
    remainingMs: 0,
  };
}

/** Resolves with the run's summary once its parent job is done; rejects if the parent job itself failed or on time-out. */
export async function waitForDistrictRun(
  setup: QueueSetup,
  districtRunId: string,
  options: WaitOptions = {},
): Promise<DistrictRunSummary> {
  const queue = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, {
    connection: setup.connection,
    prefix: setup.prefix,
  });
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let lastDone = -1;
  try {
    for (;;) {
      const job = await queue.getJob(districtRunId);
      if (!job)
        throw new Error(`district run ${districtRunId} is not on the queue (wrong REDIS_URL or prefix, or removed)`);
      const state = await job.getState();
      if (state === "completed") {
        // The job may have completed between getJob and getState: read its return value afresh.
        const done = (await queue.getJob(districtRunId)) ?? job;
        options.onProgress?.(finalProgress(done.data, done.returnvalue));
        return done.returnvalue;
      }
      if (state === "failed") throw new Error(`district run ${districtRunId} failed: ${job.failedReason}`);
      if (options.onProgress) {
        const results = Object.values(await job.getChildrenValues<SchoolJobResult>());
        const { ignored = 0 } = await job.getDependenciesCount({ ignored: true });
        const progress = progressFromResults(job.data, results, ignored, Date.now());
        if (progress.schoolsDone !== lastDone || progress.schoolsDone === 0) options.onProgress(progress);
        lastDone = progress.schoolsDone;
      }
      if (Date.now() >= deadline)
        throw new Error(
          `district run ${districtRunId} has not finished after ${options.timeoutMs} ms; it goes on without this waiter`,
        );
      await sleep(options.pollMs ?? 1_000);
    }
  } finally {
    await queue.close();
  }
}
