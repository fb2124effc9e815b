/** The last district runs and how they ended, read from the parent jobs that the districts queue keeps. */
import { Queue, type Job } from "bullmq";
import type { DistrictJobData, DistrictRunSummary, DistrictTrigger } from "./queue-jobs.ts";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";

export type DistrictRunState = "finished" | "running" | "failed";

export interface DistrictRunRecord {
  districtRunId: string;
  trigger: DistrictTrigger;
  state: DistrictRunState;
  startedAt: Date;
  schools: number;
  students: number;
  /** Present once the run has finished. */
  summary?: DistrictRunSummary;
  /** Why the run itself (not one of its schools) failed. */
  error?: string;
}

/** A parent job as a history line. */
function recordOf(job: Job<DistrictJobData, DistrictRunSummary>, state: string): DistrictRunRecord {
  const data = job.data;
  return {
    districtRunId: data.districtRunId,
    trigger: data.trigger,
    state: state === "completed" ? "finished" : state === "failed" ? "failed" : "running",
    startedAt: new Date(data.startedAt),
    schools: data.schools,
    students: data.students,
    summary: state === "completed" ? job.returnvalue : undefined,
    error: state === "failed" ? job.failedReason : undefined,
  };
}

/** The `limit` most recent district runs, newest first, finished or not. */
export async function districtRunHistory(setup: QueueSetup, limit = 14): Promise<DistrictRunRecord[]> {
  const queue = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, {
    connection: setup.connection,
    prefix: setup.prefix,
  });
  try {
    const states = ["completed", "failed", "active", "waiting-children", "waiting", "prioritized", "delayed"] as const;
    const records: DistrictRunRecord[] = [];
    for (const state of states) {
      for (const job of await queue.getJobs([state], 0, limit - 1, false)) {
        if (job?.data?.districtRunId) records.push(recordOf(job, state));
      }
    }
    return records
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.districtRunId < b.districtRunId ? 1 : -1))
      .slice(0, limit);
  } finally {
    await queue.close();
  }
}
