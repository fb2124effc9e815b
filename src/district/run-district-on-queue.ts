/** A district run on the queue, as `mse schedule --all --queue` makes it: enqueue the flow, then follow it until its summary is in. */
import { Queue } from "bullmq";
import type { Store } from "../store/index.ts";
import type { DistrictProgress } from "./district-progress.ts";
import { enqueueStoreDistrictRun, type DistrictRunRequest } from "./enqueue-district-run.ts";
import type { DistrictJobData, DistrictRunSummary, SchoolJobResult } from "./queue-jobs.ts";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";
import { waitForDistrictRun } from "./wait-for-district-run.ts";

export interface QueueDistrictOptions extends Omit<DistrictRunRequest, "schools"> {
  /** Default: every school in the store. */
  schoolIds?: string[];
  onProgress?: (progress: DistrictProgress) => void;
  /** Stop waiting after this long (the run goes on). */
  waitTimeoutMs?: number;
  /** Called once the flow is on the queue, e.g. to print its ID. */
  onEnqueued?: (districtRunId: string) => void;
}

/** The results of a finished run's schools, ordered by school ID. */
async function schoolResults(setup: QueueSetup, districtRunId: string): Promise<SchoolJobResult[]> {
  const queue = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, { connection: setup.connection, prefix: setup.prefix });
  try {
    const job = await queue.getJob(districtRunId);
    const results = job ? Object.values(await job.getChildrenValues<SchoolJobResult>()) : [];
    return results.sort((a, b) => (a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0));
  } finally {
    await queue.close();
  }
}

/** Enqueues a district run of the store's schools and resolves, once the workers have finished it, with its summary and each school's result. */
export async function runDistrictOnQueue(
  setup: QueueSetup,
  store: Store,
  options: QueueDistrictOptions,
): Promise<{ summary: DistrictRunSummary; results: SchoolJobResult[] }> {
  const { onProgress, waitTimeoutMs, onEnqueued, ...request } = options;
  const data = await enqueueStoreDistrictRun(setup, store, request);
  onEnqueued?.(data.districtRunId);
  const summary = await waitForDistrictRun(setup, data.districtRunId, { onProgress, timeoutMs: waitTimeoutMs });
  return { summary, results: await schoolResults(setup, data.districtRunId) };
}
