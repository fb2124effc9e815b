/**
 * The BullMQ worker process: takes school jobs (solved on this machine's Piscina pool), district
 * jobs (the summary once all schools are done) and nightly jobs (start the night's district run).
 * Start one per machine with `mse worker`; all share one Redis and one PostgreSQL store.
 * Stalled jobs (a worker killed mid-school) are put back by the other workers' stalled checks.
 */
import { Queue, Worker } from "bullmq";
import { processDistrictJob } from "../src/district/district-job.ts";
import { processNightlyJob } from "../src/district/nightly-job.ts";
import type { NightlyJobData } from "../src/district/nightly-schedule.ts";
import type {
  DistrictJobData,
  DistrictRunSummary,
  SchoolJobData,
  SchoolJobResult,
} from "../src/district/queue-jobs.ts";
import { QUEUE_NAMES, queueSetup } from "../src/district/queue-setup.ts";
import { processSchoolJob } from "../src/district/school-job.ts";
import { createSolvePool, defaultThreads } from "../src/district/solve-pool.ts";
import { describeRecovery, keepSweeping, recoverAtStart } from "../src/enroll/recover-at-start.ts";
import { closeStore, openStore } from "../src/store/index.ts";

export interface QueueWorkerOptions {
  /** Default REDIS_URL, else redis://127.0.0.1:6379. */
  redisUrl?: string;
  /** Key prefix of the queues (default "mse"). */
  prefix?: string;
  /** The shared store (default DATABASE_URL). */
  databaseUrl?: string;
  /** Pool threads, and so school jobs at once (default: the machine's cores). */
  threads?: number;
  /** How long a job's lock lasts without renewal: a killed worker's school is taken over after about this long (default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  /** How many times a job may stall (its worker lost) before it counts as failed (default 2). */
  maxStalledCount?: number;
  /** Another pool task module (tests). */
  taskFile?: string;
  log?: (line: string) => void;
}

export interface QueueWorker {
  threads: number;
  /** Finishes the jobs in hand, then closes the pool, the store and the connections. */
  close(): Promise<void>;
}

/** A log for errors that repeat while Redis is down: each distinct line at most once a minute. */
function onceInAWhile(log: (line: string) => void, everyMs = 60_000): (line: string) => void {
  const last = new Map<string, number>();
  return (line) => {
    const now = Date.now();
    if (now - (last.get(line) ?? -Infinity) < everyMs) return;
    last.set(line, now);
    log(line);
  };
}

/** Starts taking jobs; resolves once connected to the store and the queues. */
export async function startQueueWorker(options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const setup = queueSetup(options.redisUrl, options.prefix);
  const threads = Math.max(1, options.threads ?? defaultThreads());
  const store = await openStore(options.databaseUrl);
  const pool = createSolvePool({ threads, taskFile: options.taskFile });
  const base = { connection: setup.connection, prefix: setup.prefix };
  const locks = {
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  };
  const schoolsQueue = new Queue<SchoolJobData, SchoolJobResult>(QUEUE_NAMES.schools, base);
  const districtsQueue = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, base);
  const workers = [
    new Worker<SchoolJobData, SchoolJobResult>(
      QUEUE_NAMES.schools,
      (job, token) => processSchoolJob(job, token, { store, pool, log }),
      {
        ...base,
        ...locks,
        concurrency: threads,
      },
    ),
    new Worker<DistrictJobData, DistrictRunSummary>(
      QUEUE_NAMES.districts,
      (job) => processDistrictJob(job, { schools: schoolsQueue, log }),
      {
        ...base,
        ...locks,
        concurrency: 4,
      },
    ),
    new Worker<NightlyJobData, { districtRunId: string }>(
      QUEUE_NAMES.nightly,
      (job) => processNightlyJob(job, { store, setup, districts: districtsQueue, log }),
      {
        ...base,
        ...locks,
      },
    ),
  ];
  const logError = onceInAWhile(log);
  for (const queue of [schoolsQueue, districtsQueue])
    queue.on("error", (error) => logError(`${queue.name}: ${error.message}`));
  for (const worker of workers) {
    worker.on("error", (error) => logError(`${worker.name}: ${error.message}`));
    worker.on("stalled", (jobId) =>
      log(`${worker.name}: job ${jobId} stalled (its worker was lost); put back on the queue`),
    );
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  // What crashed processes left held is freed, and stale schools re-placed, beside the jobs.
  const stopSweeping = keepSweeping(store, (error) =>
    logError(`crash sweep: ${error instanceof Error ? error.message : String(error)}`),
  );
  const recovered = recoverAtStart(store).then(
    ({ recovery, stale }) => {
      for (const f of stale.failed)
        log(
          `re-placing stale school ${f.schoolId} failed: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
        );
      log(describeRecovery(recovery, stale));
    },
    (error: unknown) => log(`start-up recovery failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  return {
    threads,
    async close() {
      stopSweeping();
      await recovered;
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([schoolsQueue.close(), districtsQueue.close()]);
      await pool.destroy();
      await closeStore(store);
    },
  };
}
