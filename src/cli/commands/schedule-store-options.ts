/**
 * The options of `mse schedule` that run schools of the store (--school, --all and how), apart
 * from their action (schedule-store.ts): defining them must not load the store, the pool and the
 * queue, which a counselor's `mse schedule --input` never uses.
 */
import type { Command } from "commander";
import type { Quality } from "../../../solver/solve-options.ts";
import type { LoaderName } from "../../run/schedule-school.ts";
import { DEFAULT_QUEUE_PREFIX } from "../../district/queue-setup.ts";
import { parsePositiveInt, parseSecondsToMs } from "../option-parsers.ts";
import { DB_HELP } from "../db-help.ts";

export interface StoreScheduleOptions {
  school: string[];
  all?: boolean;
  seed: number;
  quality: Quality;
  timeLimit?: number;
  loader: LoaderName;
  /** Milliseconds to wait for a school's active run (0 = refuse at once). */
  wait: number;
  publish: boolean;
  db?: string;
  /** In-process solver threads for several schools (default: the cores). */
  threads?: number;
  /** Run on the BullMQ queue (workers: `mse worker`) instead of in-process. */
  queue?: boolean;
  redis?: string;
  prefix: string;
  attempts?: number;
  schoolTimeout?: number;
}

/** Adds the options of a store run (`mse schedule --school ID | --all`) to a command. */
export function addStoreScheduleOptions(command: Command): Command {
  return command
    .option(
      "--school <id>",
      "a school of the store to schedule (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--all", "every school in the store")
    .option(
      "--wait <seconds>",
      "store: wait this long for a school's active run to finish instead of refusing",
      parseSecondsToMs,
      0,
    )
    .option("--no-publish", "store: save the runs without making them live")
    .option("--db <url>", DB_HELP)
    .option("--queue", "store: run on the queue (Redis) with the workers of `mse worker`, instead of in this process")
    .option("--redis <url>", "the queue's Redis (default: REDIS_URL, else redis://127.0.0.1:6379)")
    .option("--prefix <prefix>", "key prefix of the queues", DEFAULT_QUEUE_PREFIX)
    .option(
      "--attempts <n>",
      "tries per school before it is reported failed (default 2 in-process, 3 on the queue)",
      parsePositiveInt,
    )
    .option("--school-timeout <seconds>", "stop a school's solve after this long, then retry it", parseSecondsToMs);
}
