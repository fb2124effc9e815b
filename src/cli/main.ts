import { readFileSync } from "node:fs";
import { Command } from "commander";
import { reportError } from "./report-error.ts";
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

/** The version in package.json, the one `npm ci` installed. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** The `mse` command line: one sub-command per job. */
export function buildProgram(): Command {
  const program = new Command("mse")
    .description("master schedule engine: builds master schedules and places students into sections")
    .version(packageVersion(), "-V, --version", "print the version of mse")
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
  process.exitCode = reportError(error);
}
