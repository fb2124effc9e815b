/**
 * The independent validator (solver/check) over a preset's scheduled rosters, school by school
 * as `mse export` runs it (validateSchoolRoster on each school's problem and its roster in the
 * store's order), with wall and CPU time. The rosters are solved once at quick quality on the
 * pool and kept under benchmarks/cache/rosters-<preset>-<seed>.bin; only the validation is
 * timed. Writes benchmarks/results/validate-<preset>.json.
 *
 *   npm run bench:validate                                  # district, 3 runs
 *   npm run bench:validate -- --preset district-small --runs 5
 *   npm run bench:validate -- --against /work/wt/base/solver/check/validate-roster.ts
 *
 * --against times another tree's validator in the same process, run for run alternately with
 * this one (the same load for both), and checks that both find the same violations.
 */
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { oneOf, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { encodeColumnar, decodeColumnar } from "../src/district/columnar-encoding.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { fromFiles, runSchools } from "../src/district/run-schools.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";
import { inStoreOrder } from "../src/domain/roster-order.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { validateSchoolRoster } from "../solver/check/validate-roster.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { cachedPreset } from "./preset-cache.ts";
import { writeResult } from "./results-file.ts";

const opts = new Command("bench:validate")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district")
  .option("--seed <n>", "generator and solver seed", parsePositiveInt, 1)
  .option("--runs <n>", "timed passes over every school", parsePositiveInt, 3)
  .option("--against <module>", "another validate-roster.ts to time alongside (e.g. the base tree's)")
  .parse()
  .opts<{ preset: PresetName; seed: number; runs: number; against?: string }>();

type Validate = typeof validateSchoolRoster;

const loadAtStart = os.loadavg();
const dir = await cachedPreset(opts.preset, opts.seed);
const { problem } = await readProblem(dir);
const schools = groupBySchool(problem);
const rosters = await cachedRosters(schools);
const pairs = schools.map((school, i) => ({ school, roster: rosters[i]! }));
const size = {
  schools: schools.length,
  students: problem.students.length,
  enrollments: rosters.reduce((n, r) => n + r.enrollments.length, 0),
};
console.log(
  `${opts.preset} (seed ${opts.seed}): ${size.schools} schools, ${size.students} students, ${size.enrollments} enrollments; load ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}`,
);

const validators: { name: string; validate: Validate }[] = [{ name: "this tree", validate: validateSchoolRoster }];
if (opts.against) {
  const other = (await import(path.resolve(opts.against))) as { validateSchoolRoster: Validate };
  validators.push({ name: opts.against, validate: other.validateSchoolRoster });
}

interface Pass {
  seconds: number;
  cpuSeconds: number;
  violations: number;
}
const passes = new Map<string, Pass[]>(validators.map((v) => [v.name, []]));
const verdicts = new Map<string, string>();
for (let run = 0; run < opts.runs; run++) {
  for (const { name, validate } of validators) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let violations = 0;
    const found: string[] = [];
    for (const { school, roster } of pairs) {
      const list = validate(school, roster);
      violations += list.length;
      if (run === 0) for (const v of list) found.push(`${v.schoolId}: ${v.constraint}: ${v.message}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const pass = { seconds: round(seconds), cpuSeconds: round((used.user + used.system) / 1e6), violations };
    passes.get(name)!.push(pass);
    if (run === 0) verdicts.set(name, found.join("\n"));
    console.log(
      `${name}: ${pass.seconds.toFixed(3)} s (CPU ${pass.cpuSeconds.toFixed(3)} s), ${violations} violation(s)`,
    );
  }
}
const verdictsAgree = new Set(verdicts.values()).size === 1;
if (!verdictsAgree) console.log("the validators disagree on the violations found");

const summary = (list: Pass[]) => {
  const bySeconds = [...list].sort((a, b) => a.seconds - b.seconds);
  const byCpu = [...list].sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  const mid = Math.floor(list.length / 2);
  return {
    bestSeconds: bySeconds[0]!.seconds,
    medianSeconds: bySeconds[mid]!.seconds,
    bestCpuSeconds: byCpu[0]!.cpuSeconds,
    medianCpuSeconds: byCpu[mid]!.cpuSeconds,
    /** The median pass per school, in milliseconds (a late batch validates one school). */
    medianMsPerSchool: Number(((1000 * bySeconds[mid]!.seconds) / pairs.length).toFixed(3)),
    medianCpuMsPerSchool: Number(((1000 * byCpu[mid]!.cpuSeconds) / pairs.length).toFixed(3)),
    violations: list[0]!.violations,
    passes: list,
  };
};
const file = writeResult(`validate-${opts.preset}`, {
  name: `validate-${opts.preset}`,
  date: new Date().toISOString(),
  machine: {
    cpus: os.availableParallelism(),
    model: os.cpus()[0]?.model,
    node: process.version,
    loadAverage: { atStart: loadAtStart.map(round), atEnd: os.loadavg().map(round) },
  },
  preset: opts.preset,
  seed: opts.seed,
  ...size,
  validators: Object.fromEntries(validators.map(({ name }) => [name, summary(passes.get(name)!)])),
  ...(opts.against ? { verdictsAgree } : {}),
});
console.log(`wrote ${file}`);
if (!verdictsAgree) process.exitCode = 1;

/** Each school's roster in the store's order (as `mse export` reads it): solved once at quick quality, then read from the cache. */
async function cachedRosters(schools: SchoolProblem[]): Promise<SchoolRoster[]> {
  const file = path.join(import.meta.dirname, "cache", `rosters-${opts.preset}-${opts.seed}.bin`);
  if (existsSync(file)) return decodeColumnar<SchoolRoster[]>(await readFile(file));
  console.log("solving the preset once at quick quality (kept in the cache)...");
  const executor = poolExecutor({ threads: os.availableParallelism() });
  const solved = await runSchools(fromFiles(schools), executor, {
    schedule: { seed: opts.seed, quality: "quick", loader: "solver" },
  }).finally(() => executor.close());
  if (solved.failures.length > 0) throw new Error(`${solved.failures.length} school(s) failed to solve`);
  const bySchool = new Map(solved.rosters.map((r) => [r.schoolId, inStoreOrder(r)]));
  const ordered = schools.map((s) => bySchool.get(s.school.schoolId)!);
  await writeFile(`${file}.partial`, encodeColumnar(ordered));
  await rename(`${file}.partial`, file);
  return ordered;
}

/** Seconds to the tenth of a millisecond: one school's pass takes milliseconds. */
function round(x: number): number {
  return Number(x.toFixed(4));
}
