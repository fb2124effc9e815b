import type { Command } from "commander";
import { readProblem } from "../../io/interchange/read-problem.ts";
import { readRoster } from "../../io/oneroster/read-roster.ts";
import { validateRoster } from "../../../solver/check/validate-roster.ts";
import { EXIT } from "../exit-codes.ts";
import { formatViolations } from "../../run/invalid-roster.ts";

/** `mse validate`: checks every hard constraint of the contract on a roster directory. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check a roster against every hard constraint of its problem (exit 1 if any is broken)")
    .requiredOption("--input <dir>", "the problem, as interchange CSV")
    .requiredOption("--roster <dir>", "the roster directory written by `mse schedule`")
    .action(async (opts: { input: string; roster: string }) => {
      const { problem } = await readProblem(opts.input);
      const rosters = await readRoster(opts.roster);
      const violations = validateRoster(problem, rosters);
      if (violations.length === 0) {
        console.log(
          `valid: ${rosters.length} school(s), ${rosters.reduce((n, r) => n + r.enrollments.length, 0)} enrollments, no hard constraint broken`,
        );
        return;
      }
      for (const line of formatViolations(violations)) console.error(line);
      console.error(`invalid: ${violations.length} violation(s)`);
      process.exitCode = EXIT.failed;
    });
}
