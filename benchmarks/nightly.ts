/**
 * The whole night, end to end: from the district's CSV drop (generated first, outside the
 * timing) to an imported store, every school scheduled, the district validated, the rosters
 * published live and the OneRoster directory exported; phase by phase with wall time, this
 * process's CPU time and its peak memory (RSS, sampled every 100 ms). Writes
 * benchmarks/results/nightly-<preset>[-<quality>]-<db>.json (below).
 *
 *   npm run bench:nightly                      # district-small, SQLite
 *   npm run bench:nightly -- --preset district --db postgresql
 *
 * The phases are the pipeline's, run one after the other so that each can be timed (the
 * product interleaves them school by school: `mse schedule --all` reads, solves, saves and
 * publishes one school while the next one solves): import reads the CSV drop and writes it to
 * the store; schedule solves every school on the pool; publish saves every school's run and makes
 * it live (one transaction per school, as runSchool does); export is `mse export`, run as a
 * process of its own (benchmarks/nightly-export.ts; the whole night's peak RSS is the larger of
 * the two processes'): school by school on the export's pool threads, the live roster read back, checked by the independent
 * validator (solver/check) and built into CSV lines (each share given as the threads' wall
 * seconds), and written in school order to the roster directory by the main thread (its share
 * given as write).
 *
 * The result file is nightly-<preset>-<db>.json at the nightly's default quality, and
 * nightly-<preset>-<quality>-<db>.json at another, so that a quick run never overwrites the
 * default's figures.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Command } from "commander";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { DEFAULT_NIGHTLY_QUALITY } from "../src/district/nightly-schedule.ts";
import { fromFiles, runSchools, type RunSchoolsResult } from "../src/district/run-schools.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { gapToBound, summarize } from "../src/report/run-report.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { Problem } from "../src/domain/problem.ts";
import { closeStore, importProblem, openStore, type StoreKind } from "../src/store/index.ts";
import type { Quality } from "../solver/solve-options.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { freshDatabase } from "./fresh-database.ts";
import { bundledExportScript } from "./bundled-export.ts";
import type { ExportFigures } from "./nightly-export.ts";
import { cachedPreset } from "./preset-cache.ts";
import { publishRosters } from "./publish-rosters.ts";
import { writeResult } from "./results-file.ts";

const opts = new Command("bench:nightly")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district-small")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option(
    "--quality <q>",
    `quick or full (default: the nightly's, ${DEFAULT_NIGHTLY_QUALITY})`,
    oneOf(["quick", "full"] as const),
    DEFAULT_NIGHTLY_QUALITY,
  )
  .option("--db <kind>", "sqlite or postgresql", oneOf(["sqlite", "postgresql"] as const), "sqlite")
  .option("--threads <n>", "solver threads", parsePositiveInt, os.availableParallelism())
  .parse()
  .opts<{ preset: PresetName; seed: number; quality: Quality; db: StoreKind; threads: number }>();

interface Phase {
  phase: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** Within the export: see ExportFigures (benchmarks/nightly-export.ts). */
  split?: ExportFigures["split"];
}

const MiB = 2 ** 20;
const execFileAsync = promisify(execFile);
let peakRss = 0;
let phasePeak = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  phasePeak = Math.max(phasePeak, rss);
};
const sampler = setInterval(sample, 100);
sampler.unref();

const phases: Phase[] = [];
/** Runs one phase; records its wall time, CPU time (this process; pool threads included) and peak RSS. */
async function phase<T>(name: string, step: () => Promise<T>): Promise<T> {
  phasePeak = 0;
  sample();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await step();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  sample();
  const record = {
    phase: name,
    seconds: round(seconds),
    cpuSeconds: round((used.user + used.system) / 1e6),
    peakRssMiB: Math.round(phasePeak / MiB),
  };
  phases.push(record);
  console.log(
    `${name.padEnd(10)} ${record.seconds.toFixed(2).padStart(7)} s  (CPU ${record.cpuSeconds.toFixed(2)} s, peak RSS ${record.peakRssMiB} MiB)`,
  );
  return value;
}
const round = (x: number) => Number(x.toFixed(2));

const loadAtStart = os.loadavg();
const csvDrop = await cachedPreset(opts.preset, opts.seed);
console.log(
  `${opts.preset} (seed ${opts.seed}), ${opts.quality} quality, ${opts.db}, ${opts.threads} threads; load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}`,
);
// Bundled before the night is timed, so that the export starts as `mse export` does (bundled-export.ts).
const exportScript = await bundledExportScript();
const database = await freshDatabase(opts.db, "nightly");
const store = await openStore(database.url);
let storeOpen = true;
const work = await mkdtemp(path.join(os.tmpdir(), "mse-nightly-bench-"));
const started = performance.now();
try {
  // Each phase's input is let go once the next has what it needs, as the product's commands
  // (separate processes) would: the district's problem and rosters are each about a gigabyte.
  let problem: Problem | undefined = await phase("import", async () => {
    const { problem } = await readProblem(csvDrop);
    await importProblem(store, problem);
    return problem;
  });
  const size = {
    schools: problem.schools.length,
    students: problem.students.length,
    requests: problem.requests.length,
  };
  let scheduled: RunSchoolsResult | undefined = await phase("schedule", () => {
    const schools = groupBySchool(problem!);
    // From here on only runSchools holds the schools, and lets each go once it is solved.
    problem = undefined;
    return runSchools(fromFiles(schools), poolExecutor({ threads: opts.threads }), {
      schedule: { seed: opts.seed, quality: opts.quality, loader: "solver" },
    });
  });
  if (scheduled.failures.length > 0)
    throw new Error(
      `${scheduled.failures.length} school(s) failed: ${scheduled.failures.map((f) => `${f.schoolId}: ${f.reason}`).join("; ")}`,
    );
  const { totals } = summarize(scheduled.reports, { startedAt: new Date(), finishedAt: new Date(), parameters: {} });
  const quality = {
    primaryRequestsMet: totals.primaryMet / totals.primaryRequests,
    fullSchedules: totals.fullSchedules / totals.students,
    gapToBound: totals.bounds ? gapToBound(totals.primaryMet, totals.bounds.best) : undefined,
  };
  console.log(
    `quality: ${(100 * quality.primaryRequestsMet).toFixed(2)}% of primary requests met, ${(100 * quality.fullSchedules).toFixed(2)}% of students with a full schedule${quality.gapToBound === undefined ? "" : `, ${(100 * quality.gapToBound).toFixed(3)}% from the bound`}`,
  );
  // As runSchools saves them: threads + 1 schools at once, each in its own transaction.
  await phase("publish", () =>
    publishRosters(store, scheduled!.rosters, scheduled!.reports, { seed: opts.seed, lanes: opts.threads + 1 }),
  );
  scheduled = undefined;
  await closeStore(store);
  storeOpen = false;
  // `mse export` is a process of its own in the product (cold cache, a heap of its own), so it
  // runs as one here: benchmarks/nightly-export.ts reports its CPU, peak RSS and split.
  const exportStarted = performance.now();
  const { stdout } = await execFileAsync(
    process.execPath,
    [exportScript].concat([
      "--db",
      database.url,
      "--out",
      path.join(work, "roster"),
      "--threads",
      String(opts.threads),
    ]),
    { maxBuffer: 64 * MiB },
  );
  const exported = JSON.parse(stdout.trim().split("\n").at(-1)!) as ExportFigures;
  if (exported.skipped.length > 0)
    throw new Error(
      `${exported.skipped.length} school(s) left out of the export, the first: ${JSON.stringify(exported.skipped[0])}`,
    );
  const { schools, enrollments } = exported;
  const exportPhase: Phase = {
    phase: "export",
    seconds: round((performance.now() - exportStarted) / 1000),
    cpuSeconds: exported.cpuSeconds,
    peakRssMiB: exported.peakRssMiB,
    split: exported.split,
  };
  phases.push(exportPhase);
  peakRss = Math.max(peakRss, exported.peakRssMiB * MiB);
  console.log(
    `export     ${exportPhase.seconds.toFixed(2).padStart(7)} s  (CPU ${exportPhase.cpuSeconds.toFixed(2)} s, peak RSS ${exportPhase.peakRssMiB} MiB), a process of its own`,
  );
  for (const [name, share] of Object.entries(exported.split)) {
    if (typeof share === "number") continue;
    console.log(
      `  ${name.padEnd(8)} ${share.seconds.toFixed(2).padStart(7)} s  (CPU ${share.cpuSeconds.toFixed(2)} s)${name === "validate" ? `, ${schools} schools` : ""}${name === "write" ? ", the main thread" : `, on ${opts.threads} threads, summed`}`,
    );
  }
  const totalSeconds = round((performance.now() - started) / 1000);
  const result = {
    name: `nightly-${opts.preset}${opts.quality === DEFAULT_NIGHTLY_QUALITY ? "" : `-${opts.quality}`}-${opts.db}`,
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: { atStart: loadAtStart.map(round), atEnd: os.loadavg().map(round) },
      note: "a shared machine: other work ran beside this, so times are upper figures",
    },
    preset: opts.preset,
    seed: opts.seed,
    quality: opts.quality,
    db: opts.db,
    threads: opts.threads,
    figures: quality,
    size: {
      ...size,
      enrollments,
    },
    phases,
    totalSeconds,
    peakRssMiB: Math.round(peakRss / MiB),
  };
  console.log(`whole night ${totalSeconds.toFixed(2)} s, peak RSS ${result.peakRssMiB} MiB`);
  writeResult(result.name, result);
} finally {
  if (storeOpen) await closeStore(store);
  await database.drop();
  await rm(work, { recursive: true, force: true });
}
