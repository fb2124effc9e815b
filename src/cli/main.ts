import { Command, CommanderError } from "commander";
import { ProblemInputError } from "../io/interchange/problem-input-error.ts";
import { EXIT } from "./exit-codes.ts";
import { UnbuildableSchoolError } from "../run/schedule-problem.ts";
import { registerBuild } from "./commands/build.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerEnroll } from "./commands/enroll.ts";
import { registerExport } from "./commands/export.ts";
import { registerGenerate } from "./commands/generate.ts";
import { registerImport } from "./commands/import.ts";
import { registerNightly } from "./commands/nightly.ts";
import { registerWorker } from "./commands/worker.ts";
import { registerSchedule } from "./commands/schedule.ts";
import { registerServe } from "./commands/serve.ts";
import { registerOneRoster } from "./commands/oneroster.ts";
import { registerToken } from "./commands/token.ts";
import { registerValidate } from "./commands/validate.ts";

/** The `mse` command line: one sub-command per job. */
export function buildProgram(): Command {
  const program = new Command("mse")
    .description("master schedule engine: builds master schedules and places students into sections")
    .showHelpAfterError()
    .exitOverride();
  registerGenerate(program);
  registerBuild(program);
  registerSchedule(program);
  registerValidate(program);
  registerImport(program);
  registerExport(program);
  registerEnroll(program);
  registerWorker(program);
  registerNightly(program);
  registerDemo(program);
  registerServe(program);
  registerToken(program);
  registerOneRoster(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else if (error instanceof UnbuildableSchoolError) {
    console.error(error.message);
    console.error("rejected: the master schedule cannot be built as given; nothing was written");
    process.exitCode = EXIT.badInput;
  } else if (error instanceof ProblemInputError) {
    console.error(error.message);
    console.error(`rejected: ${error.issues.length} error(s) in the input; nothing was written`);
    process.exitCode = EXIT.badInput;
  } else {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = EXIT.failed;
  }
}
