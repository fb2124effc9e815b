import type { Command } from "commander";
import type { Quality } from "../../../solver/solve-options.ts";
import { districtRunHistory, type DistrictRunRecord } from "../../district/district-run-history.ts";
import {
  DEFAULT_NIGHTLY_CRON,
  DEFAULT_NIGHTLY_QUALITY,
  getNightly,
  localTimeZone,
  removeNightly,
  runNightlyNow,
  setNightly,
} from "../../district/nightly-schedule.ts";
import { formatDuration } from "../../district/progress-bar.ts";
import { DEFAULT_QUEUE_PREFIX, queueSetup, type QueueSetup } from "../../district/queue-setup.ts";
import type { LoaderName } from "../../run/schedule-school.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt, parseSecondsToMs } from "../option-parsers.ts";

interface QueueOptions {
  redis?: string;
  prefix: string;
}

interface SetOptions extends QueueOptions {
  cron: string;
  tz: string;
  seed: number;
  quality: Quality;
  timeLimit?: number;
  loader: LoaderName;
  publish: boolean;
  attempts: number;
  schoolTimeout?: number;
}

const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(2) : "100.00"}%`;

/** One line of `mse nightly history`: when, which run, how it ended. */
export function describeDistrictRun(record: DistrictRunRecord): string {
  const when = record.startedAt.toISOString().slice(0, 16).replace("T", " ");
  const head = `${when} UTC  ${record.districtRunId}  ${record.trigger}`;
  if (record.state === "failed") return `${head}  FAILED: ${record.error ?? "unknown reason"}`;
  const s = record.summary;
  if (record.state === "running" || !s)
    return `${head}  running (${record.schools} schools, ${record.students} students)`;
  const took = formatDuration(Date.parse(s.finishedAt) - Date.parse(s.startedAt));
  const line =
    `${head}  ${s.succeeded}/${s.schools} schools in ${took}, primary requests met ${percent(s.totals.primaryMet, s.totals.primaryRequests)}` +
    (s.reused ? `, ${s.reused} retried after a lost worker` : "");
  if (!s.failed.length) return line;
  return `${line}, ${s.failed.length} FAILED:\n${s.failed.map((f) => `    ${f.schoolId}: ${f.reason} (${f.attempts} attempt(s))`).join("\n")}`;
}

function addQueueOptions(command: Command): Command {
  return command
    .option("--redis <url>", "the queue's Redis (default: REDIS_URL, else redis://127.0.0.1:6379)")
    .option("--prefix <prefix>", "key prefix of the queues", DEFAULT_QUEUE_PREFIX);
}

const setupOf = (opts: QueueOptions): QueueSetup => queueSetup(opts.redis, opts.prefix);

/** `mse nightly`: the nightly district run on the queue (set, show, off, now, history). */
export function registerNightly(program: Command): void {
  const nightly = program
    .command("nightly")
    .description(
      "the nightly district run: a repeatable job on the queue that schedules every school of the store (needs `mse worker` running)",
    );

  addQueueOptions(nightly.command("set"))
    .description("create or replace the nightly schedule")
    .option("--cron <pattern>", "when, as a cron pattern in the district's time zone", DEFAULT_NIGHTLY_CRON)
    .option("--tz <zone>", "the district's time zone (IANA name)", localTimeZone())
    .option("--seed <n>", "random seed", parseNonNegativeInt, 1)
    .option("--quality <q>", "quick or full", oneOf(["quick", "full"] as const), DEFAULT_NIGHTLY_QUALITY)
    .option(
      "--time-limit <seconds>",
      "safety cap on one school's solve (the solver stops on a deterministic work budget first)",
      parseSecondsToMs,
    )
    .option(
      "--loader <name>",
      "solver, or the naive first-fit baseline",
      oneOf(["solver", "first-fit"] as const),
      "solver",
    )
    .option("--no-publish", "save the runs without making them live")
    .option("--attempts <n>", "tries per school before it is reported failed", parsePositiveInt, 3)
    .option("--school-timeout <seconds>", "stop a school's solve after this long (then retry it)", parseSecondsToMs)
    .action(async (opts: SetOptions) => {
      const { next } = await setNightly(setupOf(opts), {
        cron: opts.cron,
        tz: opts.tz,
        schedule: { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit, loader: opts.loader },
        publish: opts.publish,
        attempts: opts.attempts,
        timeoutMs: opts.schoolTimeout,
      });
      console.log(
        `nightly district run set: "${opts.cron}" (${opts.tz}), ${opts.quality} quality, seed ${opts.seed}${next ? `; next at ${next.toISOString()}` : ""}`,
      );
    });

  addQueueOptions(nightly.command("show"))
    .description("print the nightly schedule")
    .action(async (opts: QueueOptions) => {
      const settings = await getNightly(setupOf(opts));
      if (!settings) {
        console.log("no nightly district run is set (mse nightly set)");
        return;
      }
      const { cron, tz, next, ...rest } = settings;
      console.log(`"${cron}" (${tz})${next ? `, next at ${next.toISOString()}` : ""}: ${JSON.stringify(rest)}`);
    });

  addQueueOptions(nightly.command("off"))
    .description("stop the nightly runs (a run in progress finishes)")
    .action(async (opts: QueueOptions) => {
      console.log(
        (await removeNightly(setupOf(opts))) ? "nightly district run removed" : "no nightly district run was set",
      );
    });

  addQueueOptions(nightly.command("now"))
    .description("start tonight's district run now, with the nightly settings")
    .action(async (opts: QueueOptions) => {
      const jobId = await runNightlyNow(setupOf(opts));
      console.log(`nightly job ${jobId} queued; a worker starts the district run (see mse nightly history)`);
    });

  addQueueOptions(nightly.command("history"))
    .description("the last district runs (nightly and others) and how they ended")
    .option("--limit <n>", "how many", parsePositiveInt, 14)
    .action(async (opts: QueueOptions & { limit: number }) => {
      const records = await districtRunHistory(setupOf(opts), opts.limit);
      if (!records.length) console.log("no district runs on record");
      for (const record of records) console.log(describeDistrictRun(record));
    });
}
