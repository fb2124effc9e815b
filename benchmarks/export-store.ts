/**
 * A published district kept in a store of its own, so that the export (benchmarks/nightly-export.ts)
 * can be measured again and again without the rest of the night: the preset imported, every
 * school scheduled at the nightly's default quality and published live, as bench:nightly does
 * (same seed, so the same rosters). About a minute and a half on the district; the export of it
 * then takes seconds each time.
 *
 *   tsx benchmarks/export-store.ts --preset district --db file:/tmp/district.db
 *   tsx benchmarks/nightly-export.ts --db file:/tmp/district.db --out /tmp/roster --threads 2
 */
import os from "node:os";
import { Command } from "commander";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { DEFAULT_NIGHTLY_QUALITY } from "../src/district/nightly-schedule.ts";
import { fromFiles, runSchools } from "../src/district/run-schools.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { closeStore, importProblem, openStore, saveRunResult, startRun } from "../src/store/index.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { cachedPreset } from "./preset-cache.ts";

const opts = new Command("export-store")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district-small")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .requiredOption("--db <url>", "the store to make (a new SQLite file or an empty PostgreSQL database)")
  .option("--threads <n>", "solver threads", parsePositiveInt, os.availableParallelism())
  .parse()
  .opts<{ preset: PresetName; seed: number; db: string; threads: number }>();

const { problem } = await readProblem(await cachedPreset(opts.preset, opts.seed));
const store = await openStore(opts.db);
try {
  await importProblem(store, problem);
  const { rosters, reports, failures } = await runSchools(
    fromFiles(groupBySchool(problem)),
    poolExecutor({ threads: opts.threads }),
    { schedule: { seed: opts.seed, quality: DEFAULT_NIGHTLY_QUALITY, loader: "solver" } },
  );
  if (failures.length > 0) throw new Error(`${failures.length} school(s) failed, the first: ${failures[0]!.reason}`);
  for (const [i, roster] of rosters.entries()) {
    const handle = await startRun(store, roster.schoolId, { seed: opts.seed });
    await saveRunResult(store, handle, { roster, metrics: reports[i] }, { publish: true });
  }
  console.log(`${rosters.length} schools published live in ${opts.db}`);
} finally {
  await closeStore(store);
}
