/** A district run on the queue, as `mse store-schedule --queue` makes it: enqueue the flow, then follow it until its summary is in. */
import type { Store } from "../store/store.ts";
import type { DistrictProgress } from "./district-progress.ts";
import { enqueueStoreDistrictRun, type DistrictRunRequest } from "./enqueue-district-run.ts";
import type { DistrictRunSummary } from "./queue-jobs.ts";
import type { QueueSetup } from "./queue-setup.ts";
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

/** Enqueues a district run of the store's schools and resolves with its summary once the workers have finished it. */
export async function runDistrictOnQueue(setup: QueueSetup, store: Store, options: QueueDistrictOptions): Promise<DistrictRunSummary> {
  const { onProgress, waitTimeoutMs, onEnqueued, ...request } = options;
  const data = await enqueueStoreDistrictRun(setup, store, request);
  onEnqueued?.(data.districtRunId);
  return waitForDistrictRun(setup, data.districtRunId, { onProgress, timeoutMs: waitTimeoutMs });
}
