import type { Command } from "commander";
import { readProblem } from "../../io/interchange/read-problem.ts";
import { writeRoster } from "../../io/oneroster/write-roster.ts";
import { writeDirectoryAtomically } from "../../io/atomic-directory.ts";
import { scheduleProblem, type LoaderName } from "../../run/schedule-problem.ts";
import type { Quality } from "../../../solver/solve-options.ts";
import { oneOf, parseNonNegativeInt, parseSecondsToMs } from "../option-parsers.ts";
import { prepareSolver } from "../../run/prepare-solver.ts";
import { printRunSummary } from "../print-run-summary.ts";

/** `mse schedule`: reads a problem, places every student, writes the roster directory. */
export function registerSchedule(program: Command): void {
  program
    .command("schedule")
    .description("place every student of a problem into sections and write the roster (OneRoster CSV, unscheduled.csv, report.json)")
    .requiredOption("--input <dir>", "the problem, as interchange CSV")
    .requiredOption("--out <dir>", "roster directory to write (replaced atomically)")
    .option("--seed <n>", "random seed: same problem + same seed = same roster", parseNonNegativeInt, 1)
    .option("--quality <q>", "quick (a counselor's pass) or full (the nightly run)", oneOf(["quick", "full"] as const), "quick")
    .option("--time-limit <seconds>", "improvement budget per school", parseSecondsToMs)
    .option("--loader <name>", "solver, or the naive first-fit baseline", oneOf(["solver", "first-fit"] as const), "solver")
    .action(async (opts: { input: string; out: string; seed: number; quality: Quality; timeLimit?: number; loader: LoaderName }) => {
      const { problem, warnings } = await readProblem(opts.input);
      for (const w of warnings) console.warn(`warning: ${w}`);
      await prepareSolver({ quality: opts.quality });
      const { rosters, report } = scheduleProblem(problem, {
        seed: opts.seed,
        quality: opts.quality,
        timeLimitMs: opts.timeLimit,
        loader: opts.loader,
      });
      await writeDirectoryAtomically(opts.out, (dir) => writeRoster(dir, problem, rosters, report));
      printRunSummary(report);
      console.log(`roster written to ${opts.out}`);
    });
}
