/**
 * What `mse schedule --school ID | --all` runs for several schools: the district
 * run on this machine's pool by default, or on the queue with `queue: true` (workers started
 * with `mse worker`). Both give the same rosters for the same seed and options, as long as no
 * school's solve is cut short by its wall-clock limit.
 */
import type { SchoolReport } from "../report/run-report.ts";
import type { Store } from "../store/index.ts";
import type { DistrictProgress } from "./district-progress.ts";
import { queueSetup } from "./queue-setup.ts";
import { runDistrictOnPool } from "./run-district-on-pool.ts";
import { runDistrictOnQueue } from "./run-district-on-queue.ts";
import type { SchoolFailure } from "./school-failure.ts";
import type { TaskScheduleOptions } from "./school-task.ts";

export interface ScheduleStoreDistrictOptions {
  schedule: TaskScheduleOptions;
  publish: boolean;
  /** Tries per school, the first included (default 2 in-process, 3 on the queue). */
  attempts?: number;
  /** Per-attempt cap on one school's solve. */
  timeoutMs?: number;
  /** In-process: wait this long for a school's active run before counting the attempt failed. */
  waitMs?: number;
  /** In-process: worker threads (default: the cores). */
  threads?: number;
  /** Run on the queue instead of in-process. */
  queue?: boolean;
  redisUrl?: string;
  prefix?: string;
  onProgress?: (progress: DistrictProgress) => void;
  /** Queue: called once the run is enqueued (print its ID: it goes on if this process stops). */
  onEnqueued?: (districtRunId: string) => void;
}

export interface StoreDistrictOutcome {
  districtRunId: string;
  /** Report lines of the schools that have a saved run, by school ID on the queue, else in the order asked. */
  reports: SchoolReport[];
  failures: SchoolFailure[];
}

/** Schedules (and by default publishes) the given schools of the store, in-process or on the queue. */
export async function scheduleStoreDistrict(store: Store, schoolIds: string[], options: ScheduleStoreDistrictOptions): Promise<StoreDistrictOutcome> {
  if (options.queue) {
    const { summary, results } = await runDistrictOnQueue(queueSetup(options.redisUrl, options.prefix), store, {
      schoolIds,
      schedule: options.schedule,
      publish: options.publish,
      attempts: options.attempts,
      timeoutMs: options.timeoutMs,
      onProgress: options.onProgress,
      onEnqueued: options.onEnqueued,
    });
    return { districtRunId: summary.districtRunId, reports: results.map((r) => r.report), failures: summary.failed };
  }
  const result = await runDistrictOnPool(store, schoolIds, {
    schedule: options.schedule,
    publish: options.publish,
    threads: options.threads,
    attempts: options.attempts,
    timeoutMs: options.timeoutMs,
    waitMs: options.waitMs,
    onProgress: options.onProgress,
  });
  return { districtRunId: result.districtRunId, reports: result.outcomes.map((o) => o.report), failures: result.failures };
}
