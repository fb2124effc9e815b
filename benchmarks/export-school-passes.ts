/**
 * The export pool's task (exportSchool: read, validate, build one school's lines) run school after
 * school on this one thread, over a store made by export-store.ts, pass after pass: each pass's
 * CPU of the process and of this thread in each share. One thread and no writer, so a change to a
 * task's work shows in a minute on a busy machine, where the whole export's figures move by a
 * second from run to run. Run it bundled (as bench:nightly runs the export), this tree's and
 * another's alternately:
 *
 *   npx esbuild benchmarks/export-school-passes.ts --bundle --format=esm --platform=node \
 *     --packages=external --outfile=dist/export-school-passes.mjs
 *   node dist/export-school-passes.mjs --db file:/tmp/district.db --schools 400 --offset 300
 */
import { Command } from "commander";
import { parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { exportSchool } from "../src/run/export-school.ts";
import { closeStore, liveRunsOf, openStore } from "../src/store/index.ts";

const opts = new Command("export-school-passes")
  .requiredOption("--db <url>", "a store with live rosters (export-store.ts)")
  .option("--schools <n>", "schools per pass, in import order", parsePositiveInt, 400)
  .option("--offset <n>", "schools skipped first", parseNonNegativeInt, 0)
  .option("--passes <n>", "passes over the schools", parsePositiveInt, 2)
  .parse()
  .opts<{ db: string; schools: number; offset: number; passes: number }>();

const processCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const store = await openStore(opts.db, { migrate: false, mustExist: true });
try {
  const { ids, live } = await liveRunsOf(store);
  const schools = ids.filter((id) => live.has(id)).slice(opts.offset, opts.offset + opts.schools);
  for (let pass = 0; pass < opts.passes; pass++) {
    const thread = { read: 0, validate: 0, build: 0 };
    const started = processCpu();
    for (const schoolId of schools) {
      const school = await exportSchool(store, { schoolId, runId: live.get(schoolId)!, options: { schoolYear: 2027 } });
      for (const share of ["read", "validate", "build"] as const) thread[share] += school.seconds[share].cpu ?? NaN;
    }
    const round = (x: number) => Number(x.toFixed(2));
    console.log(
      JSON.stringify({
        pass,
        schools: schools.length,
        processCpuSeconds: round(processCpu() - started),
        threadCpuSeconds: { read: round(thread.read), validate: round(thread.validate), build: round(thread.build) },
      }),
    );
  }
} finally {
  await closeStore(store);
}
