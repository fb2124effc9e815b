/**
 * The end-to-end district benchmark: generate (cached by preset and seed), import, solve
 * every school, validate every roster, export, and the same school set loaded by the naive
 * first-fit baseline and (on small schools) by the exact MIP. Writes
 * benchmarks/results/<name>.json and a Markdown table beside it.
 *
 *   npm run bench:district -- --preset district --seed 1
 */
import { Command } from "commander";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { writeRoster } from "../src/io/oneroster/write-roster.ts";
import { computeSchoolMetrics } from "../src/report/school-metrics.ts";
import { summarize, type SchoolReport } from "../src/report/run-report.ts";
import { scheduleSchool } from "../src/run/schedule-school.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { fromFiles, runSchools } from "../src/district/run-schools.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { cachedPreset } from "./preset-cache.ts";
import { compareWithExact } from "./compare-with-exact.ts";
import { formatDistrictTable } from "./district-table.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import type { Quality } from "../solver/solve-options.ts";
import { writeResult } from "./results-file.ts";

const here = path.dirname(new URL(import.meta.url).pathname);

interface Options {
  preset: PresetName;
  seed: number;
  quality: Quality;
  name?: string;
  exactSchools: number;
  baseline: boolean;
  threads: number;
}

const program = new Command("bench:district")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option("--quality <q>", "solver quality", oneOf(["quick", "full"] as const), "quick")
  .option("--name <name>", "result file name (default: <preset>-<quality>)")
  .option("--exact-schools <n>", "small schools (<= 300 students) also solved by the exact MIP", parseNonNegativeInt, 5)
  .option("--no-baseline", "skip the first-fit baseline")
  .option("--threads <n>", "worker threads of the solve phase", parsePositiveInt, os.cpus().length)
  .parse();
const opts = program.opts<Options>();

/** Wall-clock milliseconds of an async step. */
async function timed<T>(step: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await step();
  return [value, performance.now() - started];
}

const [cacheDir, generateMs] = await timed(() => cachedPreset(opts.preset, opts.seed));
console.log(`generate: ${(generateMs / 1000).toFixed(1)} s (${cacheDir})`);

const [{ problem }, importMs] = await timed(() => readProblem(cacheDir));
console.log(
  `import: ${(importMs / 1000).toFixed(1)} s, ${problem.schools.length} schools, ${problem.students.length} students, ${problem.requests.length} requests`,
);
const schools = groupBySchool(problem);

// The solve phase is what a nightly run does: every school on the worker pool, one school per task.
const schedule = { seed: opts.seed, quality: opts.quality, loader: "solver" } as const;
const executor = poolExecutor({ threads: opts.threads });
const solveStartedAt = new Date();
// CPU time of the whole process (every worker thread) over the solve: unlike the wall time, it
// does not grow with the load of a shared machine.
const solveCpuStart = process.cpuUsage();
const loadAverage = os.loadavg()[0];
const [pooled, solveMs] = await timed(() =>
  runSchools(fromFiles(schools), executor, { schedule }).finally(() => executor.close()),
);
const solveCpu = process.cpuUsage(solveCpuStart);
const solveCpuMs = (solveCpu.user + solveCpu.system) / 1000;
const { rosters } = pooled;
const solver = summarize(pooled.reports, {
  startedAt: solveStartedAt,
  finishedAt: new Date(),
  parameters: { ...schedule, threads: executor.threads },
});
console.log(
  `solve: ${(solveMs / 1000).toFixed(1)} s (CPU ${(solveCpuMs / 1000).toFixed(1)} s, load ${loadAverage.toFixed(1)}), primary met ${solver.totals.primaryMet}/${solver.totals.primaryRequests}`,
);

const [violations, validateMs] = await timed(() => validateRoster(problem, rosters));
console.log(`validate: ${(validateMs / 1000).toFixed(1)} s, ${violations.length} violation(s)`);

const exportDir = path.join(here, "cache", `roster-${opts.preset}-${opts.seed}`);
const [, exportMs] = await timed(async () => {
  await rm(exportDir, { recursive: true, force: true });
  await mkdir(exportDir, { recursive: true });
  await writeRoster(exportDir, problem, rosters, solver);
});
console.log(`export: ${(exportMs / 1000).toFixed(1)} s`);

let baseline: { solveMs: number; primaryMet: number; fullSchedules: number; violations: number } | undefined;
if (opts.baseline) {
  const baseRosters: SchoolRoster[] = [];
  const baseReports: SchoolReport[] = [];
  let baseMs = 0;
  for (const school of schools) {
    const outcome = await scheduleSchool(school, { seed: opts.seed, quality: "quick", loader: "first-fit" });
    baseMs += outcome.timings.load;
    baseRosters.push(outcome.roster);
    baseReports.push({ ...computeSchoolMetrics(school, outcome.roster), timings: {} });
  }
  const totals = summarize(baseReports, { startedAt: new Date(), finishedAt: new Date(), parameters: {} }).totals;
  baseline = {
    solveMs: baseMs,
    primaryMet: totals.primaryMet,
    fullSchedules: totals.fullSchedules,
    violations: validateRoster(problem, baseRosters).length,
  };
  console.log(`first-fit: ${(baseMs / 1000).toFixed(1)} s, primary met ${baseline.primaryMet}`);
}

const exact = await compareWithExact(
  schools.filter((s) => s.students.length <= 300 && s.requests.length > 0).slice(0, opts.exactSchools),
  opts.seed,
);

const memory = process.memoryUsage();
const result = {
  name: opts.name ?? `${opts.preset}-${opts.quality}`,
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  parameters: opts,
  size: {
    schools: problem.schools.length,
    students: problem.students.length,
    requests: problem.requests.length,
    sections: problem.sections.length,
  },
  phasesMs: { generate: generateMs, import: importMs, solve: solveMs, validate: validateMs, export: exportMs },
  solveCpuMs,
  loadAverage,
  studentsPerSecond: problem.students.length / (solveMs / 1000),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
  solver: { totals: solver.totals, violations: violations.length, failedSchools: pooled.failures.length },
  baseline,
  exact,
};
const table = formatDistrictTable(result);
writeResult(result.name, result, table);
console.log(`\n${table}`);
if (violations.length > 0) process.exitCode = 1;
