import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { PACKAGE_ROOT } from "../package-root.ts";
import { EXIT } from "./exit-codes.ts";
import { phaseEnded } from "./phase-clock.ts";
import { exitIfDone } from "./exit-promptly.ts";
type Register = (program: Command) => void;

/**
 * Every sub-command, in the order help lists them, and the module that defines it. Only the
 * command being run is loaded: loading all of them (the store, the API, the pool, the solver)
 * cost about 1.5 s before any command began, on every start.
 */
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ["generate", async () => (await import("./commands/generate.ts")).registerGenerate],
  ["build", async () => (await import("./commands/build.ts")).registerBuild],
  ["schedule", async () => (await import("./commands/schedule.ts")).registerSchedule],
  ["validate", async () => (await import("./commands/validate.ts")).registerValidate],
  ["import", async () => (await import("./commands/import.ts")).registerImport],
  ["export", async () => (await import("./commands/export.ts")).registerExport],
  ["enroll", async () => (await import("./commands/enroll.ts")).registerEnroll],
  ["scenario", async () => (await import("./commands/scenario.ts")).registerScenario],
  ["worker", async () => (await import("./commands/worker.ts")).registerWorker],
  ["nightly", async () => (await import("./commands/nightly.ts")).registerNightly],
  ["demo", async () => (await import("./commands/demo.ts")).registerDemo],
  ["serve", async () => (await import("./commands/serve.ts")).registerServe],
  ["token", async () => (await import("./commands/token.ts")).registerToken],
  ["oneroster", async () => (await import("./commands/oneroster.ts")).registerOneRoster],
];

/** The version in package.json, the one `npm ci` installed. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The `mse` command line: one sub-command per job. With `only` (the first word on the command
 * line) naming a command, just that one is defined; for the version none; otherwise (help, a
 * mistyped name) all of them.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command("mse")
    .description("master schedule engine: builds master schedules and places students into sections")
    .version(packageVersion(), "-V, --version", "print the version of mse")
    .showHelpAfterError()
    .exitOverride();
  const chosen = COMMANDS.filter(([name]) => name === only);
  const versionOnly = only === "-V" || only === "--version";
  for (const [, load] of chosen.length > 0 || versionOnly ? chosen : COMMANDS) (await load())(program);
  return program;
}

/**
 * Runs the command line of this process: the command, then its exit code (help and the version
 * included). A function rather than top-level await: `mse` runs this file bundled as CommonJS
 * (scripts/bundle.mjs, for V8's code cache), which has no top-level await.
 */
async function main(): Promise<void> {
  try {
    phaseEnded("start");
    const program = await buildProgram(process.argv[2]);
    phaseEnded("modules");
    await program.parseAsync(process.argv);
    await exitIfDone();
  } catch (error) {
    // Help and the version end here too (exitOverride), as a CommanderError of exit code 0.
    // reportError is loaded only for a real error: it knows the errors of every command (the
    // store's, the solver's), which would otherwise all load at every start.
    if (error instanceof CommanderError && !(error instanceof InvalidArgumentError) && error.exitCode === 0)
      process.exitCode = EXIT.ok;
    else process.exitCode = (await import("./report-error.ts")).reportError(error);
  }
}

void main();
