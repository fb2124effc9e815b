import type { Command } from "commander";
import type { Quality } from "../../../solver/solve-options.ts";
import { summarize, type SchoolReport } from "../../report/run-report.ts";
import type { LoaderName } from "../../run/schedule-problem.ts";
import { listSchoolIds } from "../../store/load-school-problem.ts";
import { closeStore, openStore } from "../../store/open-store.ts";
import { runSchool } from "../../store/run-school.ts";
import type { Store } from "../../store/store.ts";
import { describeStoreUrl, resolveStoreUrl } from "../../store/store-url.ts";
import { EXIT } from "../exit-codes.ts";
import { oneOf, parseNonNegativeInt, parseSecondsToMs } from "../option-parsers.ts";
import { printRunSummary } from "../print-run-summary.ts";

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
}

/** Schedules the chosen schools of an open store one by one, publishing each; returns reports and failures. */
export async function scheduleStoreSchools(
  store: Store,
  schoolIds: string[],
  opts: Omit<StoreScheduleOptions, "school" | "all" | "db">,
  onSchool: (schoolId: string, outcome: { report?: SchoolReport; error?: Error }) => void = () => undefined,
): Promise<{ reports: SchoolReport[]; failures: { schoolId: string; error: Error }[] }> {
  const reports: SchoolReport[] = [];
  const failures: { schoolId: string; error: Error }[] = [];
  for (const schoolId of schoolIds) {
    try {
      const outcome = await runSchool(store, schoolId, {
        schedule: { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit, loader: opts.loader },
        waitMs: opts.wait,
        publish: opts.publish,
      });
      reports.push(outcome.report);
      onSchool(schoolId, { report: outcome.report });
    } catch (error) {
      failures.push({ schoolId, error: error as Error });
      onSchool(schoolId, { error: error as Error });
    }
  }
  return { reports, failures };
}

/** The action of `mse store-schedule` (also usable by `mse schedule` when given --school/--all). */
export async function storeScheduleAction(opts: StoreScheduleOptions): Promise<void> {
  if (!opts.all && opts.school.length === 0) throw new Error("say which schools: --school ID (repeatable) or --all");
  const url = resolveStoreUrl(opts.db);
  const store = await openStore(url);
  try {
    const ids = opts.all ? await listSchoolIds(store) : opts.school;
    const startedAt = new Date();
    let done = 0;
    const { reports, failures } = await scheduleStoreSchools(store, ids, opts, (schoolId, outcome) => {
      done++;
      if (outcome.error) console.error(`${schoolId}: failed: ${outcome.error.message}`);
      else if (ids.length <= 20) console.log(`${schoolId}: ${outcome.report!.primaryMet}/${outcome.report!.primaryRequests} primary requests met${opts.publish ? ", published" : ""}`);
      else if (done % 50 === 0) console.log(`${done}/${ids.length} schools`);
    });
    const { school: _s, all: _a, db: _d, ...parameters } = opts;
    printRunSummary(summarize(reports, { startedAt, finishedAt: new Date(), parameters }));
    console.log(`${reports.length} school(s) scheduled${opts.publish ? " and published" : ""} in ${describeStoreUrl(url)}${failures.length ? `, ${failures.length} failed (their live rosters are unchanged; run them again)` : ""}`);
    if (failures.length) process.exitCode = EXIT.failed;
  } finally {
    await closeStore(store);
  }
}

/** `mse store-schedule`: schedules schools held in the store and publishes their rosters. */
export function registerStoreSchedule(program: Command, name = "store-schedule"): void {
  program
    .command(name)
    .description("schedule schools held in the store, saving each run and publishing it as the live roster")
    .option("--school <id>", "a school to schedule (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--all", "every school in the store")
    .option("--seed <n>", "random seed: same problem + same seed = same roster", parseNonNegativeInt, 1)
    .option("--quality <q>", "quick (a counselor's pass) or full (the nightly run)", oneOf(["quick", "full"] as const), "quick")
    .option("--time-limit <seconds>", "improvement budget per school", parseSecondsToMs)
    .option("--loader <name>", "solver, or the naive first-fit baseline", oneOf(["solver", "first-fit"] as const), "solver")
    .option("--wait <seconds>", "wait this long for a school's active run to finish instead of refusing", parseSecondsToMs, 0)
    .option("--no-publish", "save the runs without making them live")
    .option("--db <url>", "the store: file:PATH (SQLite) or postgresql://... (default: DATABASE_URL, else file:./data/mse.db)")
    .action(storeScheduleAction);
}
