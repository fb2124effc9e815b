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
 * it live (one transaction per school, as runSchool does); export is `mse export`: school by
 * school on the export's pool threads, the live roster read back, checked by the independent
 * validator (solver/check) and built into CSV lines (each share given as the threads' wall
 * seconds), and written in school order to the roster directory by the main thread (its share
 * given as write).
 *
 * The result file is nightly-<preset>-<db>.json at the nightly's default quality, and
 * nightly-<preset>-<quality>-<db>.json at another, so that a quick run never overwrites the
 * default's figures.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { DEFAULT_NIGHTLY_QUALITY } from "../src/district/nightly-schedule.ts";
import { fromFiles, runSchools, type RunSchoolsResult } from "../src/district/run-schools.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { openRosterDirectory } from "../src/io/oneroster/roster-directory.ts";
import { exportLiveRoster } from "../src/run/export-live-roster.ts";
import { gapToBound, summarize } from "../src/report/run-report.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { Problem } from "../src/domain/problem.ts";
import { closeStore, importProblem, openStore, saveRunResult, startRun, type StoreKind } from "../src/store/index.ts";
import type { Quality } from "../solver/solve-options.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { freshDatabase } from "./fresh-database.ts";
import { cachedPreset } from "./preset-cache.ts";
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
  /**
   * Within the export: the pool threads' shares reading the store, validating and building CSV
   * lines (summed over the threads; CPU: each thread's own, on Linux), and the main thread's
   * share writing the files (CPU: the process's meanwhile).
   */
  split?: { threads: number } & Record<"read" | "validate" | "build" | "write", Share>;
}

/** Part of a phase: wall time and this process's CPU time spent in it. */
interface Share {
  seconds: number;
  cpuSeconds: number;
}

const MiB = 2 ** 20;
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

/** Runs `step` (sync or async), adding its wall and CPU time to `share`. */
function timeShare<T>(share: Share, step: () => T): T {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const add = () => {
    const used = process.cpuUsage(cpu);
    share.seconds += (performance.now() - started) / 1000;
    share.cpuSeconds += (used.user + used.system) / 1e6;
  };
  const value = step();
  if (value instanceof Promise) return value.finally(add) as T;
  add();
  return value;
}

const loadAtStart = os.loadavg();
const csvDrop = await cachedPreset(opts.preset, opts.seed);
console.log(
  `${opts.preset} (seed ${opts.seed}), ${opts.quality} quality, ${opts.db}, ${opts.threads} threads; load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}`,
);
const database = await freshDatabase(opts.db, "nightly");
let store = await openStore(database.url);
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
  let scheduled: RunSchoolsResult | undefined = await phase("schedule", () =>
    runSchools(fromFiles(groupBySchool(problem!)), poolExecutor({ threads: opts.threads }), {
      schedule: { seed: opts.seed, quality: opts.quality, loader: "solver" },
    }),
  );
  problem = undefined;
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
  await phase("publish", async () => {
    // As runSchools saves them: threads + 1 schools at once, each in its own transaction. On
    // PostgreSQL two server processes then write side by side, and one school's commit (an fsync,
    // about 5 ms here) waits while another writes; SQLite takes its write lock in turn.
    const { rosters, reports } = scheduled!;
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < rosters.length; i = next++) {
        const handle = await startRun(store, rosters[i]!.schoolId, { seed: opts.seed });
        await saveRunResult(store, handle, { roster: rosters[i]!, metrics: reports[i] }, { publish: true });
      }
    };
    await Promise.all(Array.from({ length: opts.threads + 1 }, lane));
  });
  scheduled = undefined;
  // `mse export` is a process of its own: it reads with a cold cache, not the schools this one just wrote.
  await closeStore(store);
  store = await openStore(database.url);
  // `mse export` as it runs: schools read, checked by the validator and turned into CSV lines on
  // the export's pool threads, a few ahead of the one this thread writes. Its checks are the
  // district's validation (every roster against its school's problem, with solver/check), so it
  // is not run a second time. The split: the threads' time reading the store, validating and
  // building lines (summed over threads, so it may exceed the phase), and this thread's time
  // writing; the phase's CPU time is the process's, every thread's.
  let enrollments = 0;
  let schools = 0;
  const threadShares = {
    read: { seconds: 0, cpuSeconds: 0 },
    validate: { seconds: 0, cpuSeconds: 0 },
    build: { seconds: 0, cpuSeconds: 0 },
  };
  const writing: Share = { seconds: 0, cpuSeconds: 0 };
  const timedDirectory: typeof openRosterDirectory = async (dir, options) => {
    const directory = await timeShare(writing, () => openRosterDirectory(dir, options));
    return {
      addSchool: (school, roster) => timeShare(writing, () => directory.addSchool(school, roster)),
      addSchoolCsv: (csv) => timeShare(writing, () => directory.addSchoolCsv(csv)),
      close: (report) => timeShare(writing, () => directory.close(report)),
      destroy: directory.destroy,
    };
  };
  const exported = await phase("export", () =>
    exportLiveRoster(
      store,
      path.join(work, "roster"),
      { kind: "roster" },
      {
        openDirectory: timedDirectory,
        threads: opts.threads,
        onSchool: (school) => {
          schools += 1;
          enrollments += school.enrollments;
          for (const share of ["read", "validate", "build"] as const) {
            threadShares[share].seconds += school.seconds[share].wall;
            threadShares[share].cpuSeconds += school.seconds[share].cpu ?? Number.NaN;
          }
        },
      },
    ),
  );
  if (exported.skipped.length > 0)
    throw new Error(
      `${exported.skipped.length} school(s) left out of the export, the first: ${JSON.stringify(exported.skipped[0])}`,
    );
  const exportPhase = phases.at(-1)!;
  const rounded = (share: Share): Share => ({ seconds: round(share.seconds), cpuSeconds: round(share.cpuSeconds) });
  exportPhase.split = {
    threads: opts.threads,
    read: rounded(threadShares.read),
    validate: rounded(threadShares.validate),
    build: rounded(threadShares.build),
    write: rounded(writing),
  };
  for (const [name, share] of Object.entries(exportPhase.split)) {
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
  await closeStore(store);
  await database.drop();
  await rm(work, { recursive: true, force: true });
}
