/** The queue's nightly job: starts the district run of every school in the store, once per night even if the job is retried. */
import type { Job, Queue } from "bullmq";
import type { Store } from "../store/index.ts";
import { enqueueStoreDistrictRun } from "./enqueue-district-run.ts";
import type { NightlyJobData } from "./nightly-schedule.ts";
import type { DistrictJobData, DistrictRunSummary } from "./queue-jobs.ts";
import type { QueueSetup } from "./queue-setup.ts";

export interface NightlyJobDeps {
  store: Store;
  setup: QueueSetup;
  districts: Queue<DistrictJobData, DistrictRunSummary>;
  log: (line: string) => void;
}

/** A time to the minute, fit for an ID: 2024-05-01T02-00. */
const minuteOf = (millis: number) => new Date(millis).toISOString().slice(0, 16).replace(/:/g, "-");

/** The district run ID of a nightly job: its scheduled time when the scheduler made it (`repeat:ID:millis`), else when it was queued and its job ID. */
export function nightlyRunId(job: Pick<Job, "id" | "timestamp">): string {
  const scheduled = /:(\d{10,})$/.exec(job.id ?? "");
  if (scheduled) return `nightly-${minuteOf(Number(scheduled[1]))}`;
  return `nightly-${minuteOf(job.timestamp)}-${String(job.id).replace(/[^A-Za-z0-9._-]/g, "-")}`;
}

/** Enqueues the night's district run unless an earlier attempt of this job already did. */
export async function processNightlyJob(
  job: Job<NightlyJobData, { districtRunId: string }>,
  deps: NightlyJobDeps,
): Promise<{ districtRunId: string }> {
  const districtRunId = nightlyRunId(job);
  if (await deps.districts.getJob(districtRunId)) {
    deps.log(`nightly: district run ${districtRunId} was already started`);
    return { districtRunId };
  }
  const data = await enqueueStoreDistrictRun(deps.setup, deps.store, {
    ...job.data,
    districtRunId,
    trigger: "nightly",
  });
  deps.log(`nightly: district run ${districtRunId} started (${data.schools} schools, ${data.students} students)`);
  return { districtRunId };
}
