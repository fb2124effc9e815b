import { InvalidArgumentError, type Command } from "commander";
import { open, rm } from "node:fs/promises";
import path from "node:path";
import { generateProblem } from "../../../fixtures/generate.ts";
import { validateRoster } from "../../../solver/check/validate-roster.ts";
import { poolExecutor } from "../../district/executors.ts";
import { fromStore, runSchools } from "../../district/run-schools.ts";
import { createProgressView } from "../../district/progress-bar.ts";
import { writeDirectoryAtomically } from "../../io/atomic-directory.ts";
import { checkOutputFolder } from "../../io/output-folder.ts";
import { writeRoster } from "../../io/oneroster/write-roster.ts";
import { exportLive, importProblem, listSchoolIds, closeStore, openStore } from "../../store/index.ts";
import { EXIT } from "../exit-codes.ts";
import { parseNonNegativeInt } from "../option-parsers.ts";
import { printRunSummary } from "../print-run-summary.ts";
import { liveRunReport } from "../../report/live-report.ts";

/** The demo recreates its store file: refuse to delete a file that is not a SQLite database. */
async function checkDemoStore(file: string): Promise<void> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (handle === undefined) return;
  const head = Buffer.alloc(16);
  try {
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    if (bytesRead === 0 || head.toString("latin1") === "SQLite format 3\u0000") return;
  } finally {
    await handle.close();
  }
  throw new InvalidArgumentError(
    `--db ${file}: is not a SQLite database, and the demo recreates its store; name a new file`,
  );
}

/**
 * `mse demo` (`npm run demo`): the main job on the embedded defaults, needing nothing installed:
 * a sample district is imported into a fresh SQLite store, every school scheduled on the
 * in-process pool and published, the live rosters exported and checked by the validator.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("schedule a sample district end to end on the embedded SQLite store and export it")
    .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
    .option("--out <dir>", "roster directory to write", "out/demo-roster")
    .option("--db <file>", "SQLite file of the demo store (recreated)", "data/demo.db")
    .action(async (opts: { seed: number; out: string; db: string }) => {
      const started = performance.now();
      const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      await checkOutputFolder(opts.out, { kind: "roster" });
      await checkDemoStore(opts.db);
      const problem = generateProblem("district-small", opts.seed);
      console.log(
        `generated district-small: ${problem.schools.length} schools, ${problem.students.length} students, ${problem.requests.length} requests (${seconds()})`,
      );

      const dbFile = path.resolve(opts.db);
      for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(`${dbFile}${suffix}`, { force: true });
      const store = await openStore(`file:${dbFile}`);
      try {
        await importProblem(store, problem);
        console.log(`imported into ${opts.db} (${seconds()})`);
        const progress = createProgressView();
        const executor = poolExecutor();
        const { failures } = await runSchools(fromStore(store, await listSchoolIds(store)), executor, {
          schedule: { seed: opts.seed, quality: "quick", loader: "solver" },
          onProgress: (p) => progress.update(p),
        }).finally(() => executor.close());
        progress.stop();
        for (const f of failures) console.error(`${f.schoolId}: failed: ${f.reason}`);
        console.log(`scheduled and published (${seconds()})`);

        const live = await exportLive(store);
        const report = liveRunReport(live);
        await writeDirectoryAtomically(opts.out, (dir) => writeRoster(dir, live.problem, live.rosters, report), {
          kind: "roster",
        });
        const violations = validateRoster(problem, live.rosters);
        printRunSummary(report);
        console.log(
          `roster exported to ${opts.out}; validator: ${violations.length === 0 ? "every hard constraint holds" : `${violations.length} violation(s)`} (${seconds()})`,
        );
        if (violations.length > 0 || failures.length > 0) process.exitCode = EXIT.failed;
      } finally {
        await closeStore(store);
      }
    });
}
