import type { Command } from "commander";
import { DEFAULT_QUEUE_PREFIX, describeRedisUrl, resolveRedisUrl } from "../../district/queue-setup.ts";
import { defaultThreads } from "../../district/solve-pool.ts";
import { describeStoreUrl, resolveStoreUrl, storeKind } from "../../store/index.ts";
import { startQueueWorker } from "../../../workers/queue-worker.ts";
import { parseNonNegativeInt, parsePositiveInt, parseSecondsToMs } from "../option-parsers.ts";

export interface WorkerCommandOptions {
  redis?: string;
  db?: string;
  prefix: string;
  threads: number;
  lockDuration?: number;
  stalledInterval?: number;
  maxStalled?: number;
}

/** A log line with the time and this process's ID, to tell machines and restarts apart. */
function logLine(line: string): void {
  console.log(`${new Date().toISOString()} [${process.pid}] ${line}`);
}

/** The action of `mse worker`: runs until SIGINT or SIGTERM, then finishes the jobs in hand and exits. */
export async function workerAction(opts: WorkerCommandOptions): Promise<void> {
  const databaseUrl = resolveStoreUrl(opts.db);
  if (storeKind(databaseUrl) === "sqlite")
    logLine(
      `note: the store is a SQLite file (${describeStoreUrl(databaseUrl)}): only workers on this machine can share it; use PostgreSQL across machines`,
    );
  const worker = await startQueueWorker({
    redisUrl: opts.redis,
    databaseUrl,
    prefix: opts.prefix,
    threads: opts.threads,
    lockDurationMs: opts.lockDuration,
    stalledIntervalMs: opts.stalledInterval,
    maxStalledCount: opts.maxStalled,
    log: logLine,
  });
  logLine(
    `worker ready: ${worker.threads} solver thread(s), queues ${describeRedisUrl(resolveRedisUrl(opts.redis))} prefix ${opts.prefix}, store ${describeStoreUrl(databaseUrl)}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logLine(`${signal}: finishing the jobs in hand, then exiting`);
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await worker.close();
  logLine("worker stopped");
}

/** `mse worker`: takes district jobs from the queue on this machine. */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(
      "take district-run jobs from the queue (Redis) and run them against the shared store; start one on each machine",
    )
    .option("--redis <url>", "the queue's Redis (default: REDIS_URL, else redis://127.0.0.1:6379)")
    .option("--db <url>", "the shared store, postgresql://... (default: DATABASE_URL)")
    .option(
      "--prefix <prefix>",
      "key prefix of the queues: the same for every process of one installation",
      DEFAULT_QUEUE_PREFIX,
    )
    .option(
      "--threads <n>",
      "solver threads, and so schools at once (default: the cores)",
      parsePositiveInt,
      defaultThreads(),
    )
    .option(
      "--lock-duration <seconds>",
      "a lost worker's school is taken over after about this long (default 30)",
      parseSecondsToMs,
    )
    .option(
      "--stalled-interval <seconds>",
      "how often to look for schools of lost workers (default 30)",
      parseSecondsToMs,
    )
    .option(
      "--max-stalled <n>",
      "times a school may lose its worker before it counts as failed (default 2)",
      parseNonNegativeInt,
    )
    .action(workerAction);
}
