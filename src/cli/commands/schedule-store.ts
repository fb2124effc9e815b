import { InvalidArgumentError, type Command } from "commander";
import type { Quality } from "../../../solver/solve-options.ts";
import { summarize } from "../../report/run-report.ts";
import type { LoaderName } from "../../run/schedule-school.ts";
import { listSchoolIds, closeStore, openStore, describeStoreUrl, resolveStoreUrl } from "../../store/index.ts";
import { createProgressView } from "../../district/progress-bar.ts";
import { DEFAULT_QUEUE_PREFIX, queueSetup } from "../../district/queue-setup.ts";
import { inlineExecutor, poolExecutor, queueExecutor } from "../../district/executors.ts";
import { fromStore, runSchools } from "../../district/run-schools.ts";
import { EXIT } from "../exit-codes.ts";
import { parsePositiveInt, parseSecondsToMs } from "../option-parsers.ts";
import { printRunSummary } from "../print-run-summary.ts";
import { DB_HELP } from "../with-store.ts";

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

/** `mse schedule --school ID | --all`: schedules schools held in the store and publishes their rosters. */
export async function storeScheduleAction(opts: StoreScheduleOptions): Promise<void> {
  if (!opts.all && opts.school.length === 0)
    throw new InvalidArgumentError(
      "say what to schedule: --input DIR --out DIR (a problem's files), or --school ID (repeatable) / --all (schools of the store)",
    );
  const url = resolveStoreUrl(opts.db);
  const store = await openStore(url, { mustExist: true });
  try {
    const ids = opts.all ? await listSchoolIds(store) : opts.school;
    const startedAt = new Date();
    // One school: this thread, a plain run. Several: a district run on this machine's worker pool, or on the queue (mse worker).
    const one = ids.length <= 1 && !opts.queue && opts.threads === undefined;
    const onEnqueued = (id: string) =>
      console.error(`district run ${id} queued (it goes on if this command stops; see mse nightly history)`);
    const executor = opts.queue
      ? queueExecutor(queueSetup(opts.redis, opts.prefix), { timeoutMs: opts.schoolTimeout, onEnqueued })
      : one
        ? inlineExecutor()
        : poolExecutor({ threads: opts.threads, timeoutMs: opts.schoolTimeout });
    const view = one ? undefined : createProgressView();
    const { reports, failures } = await runSchools(
      fromStore(store, ids, { publish: opts.publish, waitMs: opts.wait, districtRunId: one ? false : undefined }),
      executor,
      {
        schedule: { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit, loader: opts.loader },
        attempts: opts.attempts ?? (one ? 1 : undefined),
        onProgress: view && ((p) => view.update(p)),
        onSchool: (schoolId, outcome) => {
          if ("report" in outcome && one)
            console.log(
              `${schoolId}: ${outcome.report.primaryMet}/${outcome.report.primaryRequests} primary requests met${opts.publish ? ", published" : ""}`,
            );
        },
      },
    ).finally(async () => {
      view?.stop();
      if (executor.kind !== "queue") await executor.close();
    });
    for (const f of failures)
      console.error(`${f.schoolId}: failed: ${f.reason}${one ? "" : ` (${f.attempts} attempt(s))`}`);
    const { school: _s, all: _a, db: _d, redis: _r, prefix: _p, ...parameters } = opts;
    printRunSummary(summarize(reports, { startedAt, finishedAt: new Date(), parameters }));
    console.log(
      `${reports.length} school(s) scheduled${opts.publish ? " and published" : ""} in ${describeStoreUrl(url)}${failures.length ? `, ${failures.length} failed (their live rosters are unchanged; run them again)` : ""}`,
    );
    if (failures.length) process.exitCode = EXIT.failed;
  } finally {
    await closeStore(store);
  }
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
