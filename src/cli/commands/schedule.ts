import { InvalidArgumentError, type Command } from "commander";
import { addStoreScheduleOptions, type StoreScheduleOptions } from "./schedule-store-options.ts";
import { readProblem } from "../../io/interchange/read-problem.ts";
import { checkOutputFolder } from "../../io/output-folder.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt, parseSecondsToMs } from "../option-parsers.ts";
import { printRunSummary } from "../print-run-summary.ts";
import { groupBySchool } from "../../domain/group-by-school.ts";
import { summarize, type RunReport } from "../../report/run-report.ts";
import type { Problem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import type { DistrictProgress } from "../../district/district-progress.ts";
import type { SchoolFailure } from "../../district/school-failure.ts";
import type { ScheduleOptions } from "../../run/schedule-school.ts";
import type { SolvingExecutor } from "../../district/executors.ts";
import { inlineExecutor } from "../../district/inline-executor.ts";
import { fromFiles, runSchools } from "../../district/run-schools.ts";
import { EXIT } from "../exit-codes.ts";
import { writeValidatedRoster } from "../../run/write-validated-roster.ts";
import { phaseEnded } from "../phase-clock.ts";
import { exitPromptlyWhenDone } from "../exit-promptly.ts";

/** `mse schedule`: reads a problem, places every student, writes the roster directory. */
export function registerSchedule(program: Command): void {
  const command = program
    .command("schedule")
    .description(
      "place every student of a problem into sections and write the roster (OneRoster CSV, unscheduled.csv, report.json)",
    )
    .option("--input <dir>", "the problem, as interchange CSV (else: schools of the store, see --school/--all)")
    .option(
      "--out <dir>",
      "with --input: roster directory to write (replaced atomically; an earlier roster or an empty folder)",
    )
    .option("--force", "with --out: replace a file or a folder that is not an earlier roster (never the input)")
    .option("--zip", "with --input: also write oneroster.zip, the OneRoster files at the archive's root")
    .option("--seed <n>", "random seed: same problem + same seed = same roster", parseNonNegativeInt, 1)
    .option(
      "--quality <q>",
      "quick (a counselor's pass) or full (the nightly run)",
      oneOf(["quick", "full"] as const),
      "quick",
    )
    .option(
      "--time-limit <seconds>",
      "safety cap on one school's solve, in seconds (the solver stops on a deterministic work budget first)",
      parseSecondsToMs,
    )
    .option(
      "--loader <name>",
      "solver, or the naive first-fit baseline",
      oneOf(["solver", "first-fit"] as const),
      "solver",
    )
    .option(
      "--threads <n>",
      "solver threads when several schools are scheduled (default: the cores)",
      parsePositiveInt,
    );
  addStoreScheduleOptions(command).action(
    async (opts: StoreScheduleOptions & { input?: string; out?: string; force?: boolean; zip?: boolean }) => {
      // The store's runs load the store, the pool and the queue: only when asked for.
      if (opts.input === undefined) return (await import("./schedule-store.ts")).storeScheduleAction(opts);
      if (opts.out === undefined) throw new InvalidArgumentError("--input needs --out, the roster directory to write");
      const outFolder = { kind: "roster", inputs: [opts.input], force: opts.force } as const;
      await checkOutputFolder(opts.out, outFolder);
      const { problem, warnings } = await readProblem(opts.input);
      for (const w of warnings) console.warn(`warning: ${w}`);
      phaseEnded("read");
      const options = { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit, loader: opts.loader };
      // Several schools: one per task on the worker pool; one school: this thread, and its error is the command's.
      const onPool = problem.schools.length > 1 || opts.threads !== undefined;
      const executor = onPool
        ? (await import("../../district/executors.ts")).poolExecutor({ threads: opts.threads })
        : inlineExecutor();
      const view = onPool ? (await import("../../district/progress-bar.ts")).createProgressView() : undefined;
      const { rosters, report, failures } = await scheduleFiles(
        problem,
        options,
        executor,
        view && ((p) => view.update(p)),
      ).finally(async () => {
        view?.stop();
        await executor.close();
      });
      for (const f of failures)
        console.error(`${f.schoolId}: failed after ${f.attempts} attempt(s), left out of the roster: ${f.reason}`);
      if (failures.length) process.exitCode = EXIT.failed;
      phaseEnded("solve");
      const out = opts.out;
      await writeValidatedRoster(out, problem, rosters, report, outFolder, {
        zip: opts.zip,
        onValidated: () => phaseEnded("validate"),
      });
      phaseEnded("write");
      printRunSummary(report);
      console.log(`roster written to ${out}`);
      // The work is done and said: skip tearing down the heap at exit (see exit-promptly.ts).
      exitPromptlyWhenDone();
    },
  );
}

/**
 * What `mse schedule --input` computes: every school of the problem run on the executor, the
 * rosters and report.json of those that succeeded, and the failures. In this thread (one
 * school), a school's error is the command's.
 */
export async function scheduleFiles(
  problem: Problem,
  schedule: ScheduleOptions,
  executor: SolvingExecutor,
  onProgress?: (progress: DistrictProgress) => void,
): Promise<{ rosters: SchoolRoster[]; report: RunReport; failures: SchoolFailure[] }> {
  const startedAt = new Date();
  const { rosters, reports, failures } = await runSchools(fromFiles(groupBySchool(problem)), executor, {
    schedule,
    onProgress,
    ...(executor.kind === "inline" ? { attempts: 1, failFast: true } : {}),
  });
  const parameters: Record<string, unknown> =
    executor.kind === "pool" ? { ...schedule, threads: executor.threads } : { ...schedule };
  if (failures.length) parameters.failures = failures;
  return { rosters, report: summarize(reports, { startedAt, finishedAt: new Date(), parameters }), failures };
}
