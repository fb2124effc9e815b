/**
 * The nightly district run: a BullMQ job scheduler (a cron pattern in the district's time zone)
 * that puts a "nightly" job on the queue each night; whichever worker takes it starts the
 * district run of every school in the store (nightly-job.ts).
 */
import { Queue } from "bullmq";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";
import type { ScheduleOptions } from "../run/schedule-school.ts";
import type { Quality } from "../../solver/solve-options.ts";

export const NIGHTLY_SCHEDULER_ID = "nightly-district-run";
/** 02:00 every night. */
export const DEFAULT_NIGHTLY_CRON = "0 2 * * *";
/**
 * Quick: since issue 15 the district's quick pass is within 0.5% of the upper bound on primary
 * requests met (0.459%: 3,900,968 met, bound 3,918,968; benchmarks/results/district-quick-quality.md),
 * for a solve about 30 times shorter than full's, which keeps the whole night within issue 20's
 * budget. docs/design.md (Scale) gives the figures.
 */
export const DEFAULT_NIGHTLY_QUALITY: Quality = "quick";

/** How each night's district run is made. */
export interface NightlyJobData {
  schedule: ScheduleOptions;
  publish: boolean;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
}

export interface NightlySettings extends NightlyJobData {
  /** Cron pattern (minute hour day month weekday). */
  cron: string;
  /** IANA time zone of the district, e.g. America/Los_Angeles. */
  tz: string;
}

/** The time zone of this machine: the default district time. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function withNightlyQueue<T>(setup: QueueSetup, use: (queue: Queue<NightlyJobData>) => Promise<T>): Promise<T> {
  const queue = new Queue<NightlyJobData>(QUEUE_NAMES.nightly, { connection: setup.connection, prefix: setup.prefix });
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

/** Creates or replaces the nightly schedule; returns when it next fires. */
export async function setNightly(setup: QueueSetup, settings: NightlySettings): Promise<{ next?: Date }> {
  const { cron, tz, ...data } = settings;
  return withNightlyQueue(setup, async (queue) => {
    await queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER_ID,
      { pattern: cron, tz },
      {
        name: "nightly",
        data,
        opts: {
          attempts: 3,
          backoff: { type: "exponential", delay: 30_000 },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 100 },
        },
      },
    );
    const scheduler = await queue.getJobScheduler(NIGHTLY_SCHEDULER_ID);
    return { next: scheduler?.next ? new Date(scheduler.next) : undefined };
  });
}

/** The nightly schedule, if one is set, with when it next fires. */
export async function getNightly(setup: QueueSetup): Promise<(NightlySettings & { next?: Date }) | undefined> {
  return withNightlyQueue(setup, async (queue) => {
    const scheduler = await queue.getJobScheduler(NIGHTLY_SCHEDULER_ID);
    if (!scheduler?.pattern || !scheduler.template?.data) return undefined;
    return {
      ...scheduler.template.data,
      cron: scheduler.pattern,
      tz: scheduler.tz ?? "UTC",
      next: scheduler.next ? new Date(scheduler.next) : undefined,
    };
  });
}

/** Stops the nightly runs; false when none was scheduled. */
export async function removeNightly(setup: QueueSetup): Promise<boolean> {
  return withNightlyQueue(setup, (queue) => queue.removeJobScheduler(NIGHTLY_SCHEDULER_ID));
}

/** Starts tonight's run now (the schedule's settings unless others are given); returns the nightly job's ID. */
export async function runNightlyNow(setup: QueueSetup, settings?: NightlyJobData): Promise<string> {
  const data = settings ?? (await getNightly(setup));
  if (!data) throw new Error("no nightly schedule is set: give the settings, or set one with `mse nightly set`");
  const { schedule, publish, attempts, backoffMs, timeoutMs, leaseMs } = data;
  return withNightlyQueue(setup, async (queue) => {
    const job = await queue.add(
      "nightly",
      { schedule, publish, attempts, backoffMs, timeoutMs, leaseMs },
      { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    );
    return job.id!;
  });
}
