/**
 * Puts a district run on the queue as a BullMQ flow: a parent job that waits on one child job
 * per school. Children are prioritized largest first, retried with exponential backoff, and a
 * child that fails for good is recorded on the parent instead of blocking it
 * (ignoreDependencyOnFailure), so the run always ends with a summary.
 */
import { FlowProducer } from "bullmq";
import { listSchoolIds, type Store, schoolSizes, type SchoolSize } from "../store/index.ts";
import { newDistrictRunId } from "../run/district-run-id.ts";
import type { DistrictJobData, DistrictTrigger, SchoolJobData } from "./queue-jobs.ts";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";
import type { ScheduleOptions } from "../run/schedule-school.ts";
import { heaviestFirst, schoolWeight } from "./school-weight.ts";
import { scheduleOfRun } from "./schedule-of-run.ts";

export interface DistrictRunRequest {
  schools: (SchoolSize & { schoolId: string })[];
  schedule: ScheduleOptions;
  publish?: boolean;
  districtRunId?: string;
  trigger?: DistrictTrigger;
  /** Tries per school, the first included (default 3). */
  attempts?: number;
  /** First retry delay; doubled on each retry (default 5 s). */
  backoffMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
}

/** District runs kept in Redis for the history (about two months of nights plus manual runs). */
const DISTRICT_RUNS_KEPT = 200;
/** School jobs are kept a week: long enough to look into a failure, short enough not to pile up. */
const SCHOOL_JOBS_KEPT = { age: 7 * 24 * 3600 };
/** BullMQ's lowest priority; larger numbers run later. */
const MAX_PRIORITY = 2 ** 21;

/** Adds the flow; returns the parent job's data (its ID is the district run ID). */
export async function enqueueDistrictRun(setup: QueueSetup, request: DistrictRunRequest): Promise<DistrictJobData> {
  const startedAt = new Date();
  const data: DistrictJobData = {
    districtRunId: request.districtRunId ?? newDistrictRunId(startedAt),
    trigger: request.trigger ?? "cli",
    startedAt: startedAt.toISOString(),
    schools: request.schools.length,
    students: request.schools.reduce((n, s) => n + s.students, 0),
    schedule: scheduleOfRun(request.schedule, request.schools.length),
    publish: request.publish !== false,
  };
  const order = heaviestFirst(request.schools, schoolWeight);
  const children = order.map((index, rank) => {
    const school = request.schools[index]!;
    const child: SchoolJobData = {
      districtRunId: data.districtRunId,
      startedAt: data.startedAt,
      schoolId: school.schoolId,
      students: school.students,
      schedule: data.schedule,
      publish: data.publish,
      timeoutMs: request.timeoutMs,
      leaseMs: request.leaseMs,
    };
    return {
      name: "school",
      queueName: QUEUE_NAMES.schools,
      data: child,
      opts: {
        priority: Math.min(rank + 1, MAX_PRIORITY),
        attempts: request.attempts ?? 3,
        backoff: { type: "exponential", delay: request.backoffMs ?? 5_000 },
        ignoreDependencyOnFailure: true,
        removeOnComplete: SCHOOL_JOBS_KEPT,
        removeOnFail: SCHOOL_JOBS_KEPT,
      },
    };
  });
  const producer = new FlowProducer({ connection: setup.connection, prefix: setup.prefix });
  try {
    await producer.add({
      name: "district-run",
      queueName: QUEUE_NAMES.districts,
      data,
      opts: {
        jobId: data.districtRunId,
        removeOnComplete: { count: DISTRICT_RUNS_KEPT },
        removeOnFail: { count: DISTRICT_RUNS_KEPT },
      },
      children,
    });
  } finally {
    await producer.close();
  }
  return data;
}

/** Enqueues a district run of the store's schools (all of them unless `schoolIds` is given), sized from the store. */
export async function enqueueStoreDistrictRun(
  setup: QueueSetup,
  store: Store,
  request: Omit<DistrictRunRequest, "schools"> & { schoolIds?: string[] },
): Promise<DistrictJobData> {
  const { schoolIds, ...rest } = request;
  const ids = schoolIds ?? (await listSchoolIds(store));
  const sizes = await schoolSizes(store, ids);
  return enqueueDistrictRun(setup, {
    ...rest,
    schools: ids.map((schoolId) => ({ schoolId, ...sizes.get(schoolId)! })),
  });
}
