/**
 * The exact benchmark: every school of up to 400 students of a generated district (by default
 * the hard-small preset: continuation schools, special-education centres and small high
 * schools at capacity) solved by the exact MIP from scratch and by the solver at quick and
 * full quality, side by side, level by level. Writes benchmarks/results/<name>.json and .md.
 *
 *   npm run bench:exact -- --preset hard-small --seed 1
 *
 * With --quick-against an earlier result file of this benchmark, only the quick pass is run
 * again (a minute instead of most of an hour): the MIP's optimum and the full pass are that
 * file's, so a change to quick is measured against the same proven optima.
 *
 *   npm run bench:exact -- --preset hard-small --quick-against benchmarks/results/exact-hard-small-1.json
 */
import { Command } from "commander";
import { readFileSync } from "node:fs";
import os from "node:os";
import { PRESETS, presetSchools, type PresetName } from "../fixtures/generate.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { compareLevels } from "../solver/exact/level-vector.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import { compareWithExact, solveAndMeasure, type ExactComparison } from "./compare-with-exact.ts";
import { formatExactTable } from "./exact-table.ts";
import { writeResult } from "./results-file.ts";

interface Options {
  preset: PresetName;
  seed: number;
  maxStudents: number;
  exactSeconds: number;
  quickAgainst?: string;
  fullToo?: boolean;
  name?: string;
}

const opts = new Command("bench:exact")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "hard-small")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option("--max-students <n>", "largest school measured", parsePositiveInt, 400)
  .option("--exact-seconds <s>", "time cap of the reference MIP per school", parsePositiveInt, 120)
  .option(
    "--quick-against <file>",
    "an earlier result file of this benchmark: run only quick, against that file's optimum and full pass",
  )
  .option(
    "--full-too",
    "with --quick-against: run full again too, on the schools that file proved optimal (the others run to their time cap)",
  )
  .option(
    "--name <name>",
    "result file name (default: exact-<preset>-<seed>, with -quick when --quick-against, -again with --full-too)",
  )
  .parse()
  .opts<Options>();

const rows: ExactComparison[] = [];
const earlier = opts.quickAgainst
  ? new Map(
      (JSON.parse(readFileSync(opts.quickAgainst, "utf8")) as { schools: ExactComparison[] }).schools.map((r) => [
        r.schoolId,
        r,
      ]),
    )
  : undefined;

/**
 * The earlier file's row of `school` with its quick pass run again, and with --full-too its full
 * pass where the optimum was proven (none when the file lacks the school).
 */
async function quickAgain(school: SchoolProblem): Promise<ExactComparison | undefined> {
  const before = earlier?.get(school.school.schoolId);
  if (!before) return undefined;
  const again = async (quality: "quick" | "full") => {
    const { figures } = await solveAndMeasure(school, compileInstance(school), opts.seed, quality);
    figures.versusOptimum = compareLevels(figures.levels, before.exact.levels);
    return figures;
  };
  const quick = await again("quick");
  return {
    ...before,
    quick,
    ...(opts.fullToo && before.exact.status === "optimal" ? { full: await again("full") } : {}),
  };
}
const started = performance.now();
for (const school of presetSchools(opts.preset, opts.seed)) {
  if (school.students.length > opts.maxStudents || school.requests.length === 0) continue;
  const row = earlier ? await quickAgain(school) : (await compareWithExact([school], opts.seed, opts.exactSeconds))[0];
  if (!row) continue;
  rows.push(row);
  const verdict = (v: number) => (row.exact.status !== "optimal" ? "?" : v === 0 ? "=" : v < 0 ? "below" : "above");
  console.log(
    `${row.schoolId} (${row.kind}, ${row.students}): exact ${row.exact.status} [${row.exact.levels}] ${(row.exact.ms / 1000).toFixed(1)} s; ` +
      `quick [${row.quick.levels}] ${verdict(row.quick.versusOptimum)}; full [${row.full.levels}] ${verdict(row.full.versusOptimum)} (${row.full.exactStatus}) ${(row.full.ms / 1000).toFixed(1)} s`,
  );
  await writeResults();
}

/** Writes what is measured so far (after every school: a long run cut short still leaves its figures). */
async function writeResults(): Promise<{ table: string; failed: boolean }> {
  const proven = rows.filter((r) => r.exact.status === "optimal");
  const sum = (pick: (r: ExactComparison) => number, list = proven) => list.reduce((n, r) => n + pick(r), 0);
  const summary = {
    schools: rows.length,
    provenOptimal: proven.length,
    fullEqualsOptimum: proven.filter((r) => r.full.versusOptimum === 0).length,
    fullBelowOptimum: proven.filter((r) => r.full.versusOptimum < 0).map((r) => r.schoolId),
    quickEqualsOptimum: proven.filter((r) => r.quick.versusOptimum === 0).length,
    /** Over the proven schools: primary requests met by the optimum, quick and full. */
    primaryMet: {
      optimum: sum((r) => r.exact.primaryMet),
      quick: sum((r) => r.quick.primaryMet),
      full: sum((r) => r.full.primaryMet),
    },
    worstQuickShortfall: Math.max(
      0,
      ...proven.map((r) => (r.exact.primaryMet - r.quick.primaryMet) / Math.max(1, r.exact.primaryMet)),
    ),
    /** Quick's shortfall against the optimum over all the proven schools together. */
    totalQuickShortfall:
      (sum((r) => r.exact.primaryMet) - sum((r) => r.quick.primaryMet)) /
      Math.max(
        1,
        sum((r) => r.exact.primaryMet),
      ),
    violations: sum((r) => r.quick.violations + r.full.violations, rows),
    ms: {
      exact: sum((r) => r.exact.ms, rows),
      quick: sum((r) => r.quick.ms, rows),
      quickCpu: sum((r) => r.quick.cpuMs, rows),
      full: sum((r) => r.full.ms, rows),
      total: performance.now() - started,
    },
  };
  const name = opts.name ?? `exact-${opts.preset}-${opts.seed}${earlier ? (opts.fullToo ? "-again" : "-quick") : ""}`;
  const result = {
    name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    parameters: opts,
    summary,
    schools: rows,
  };
  const table =
    `## ${name} (${result.date.slice(0, 10)})\n\n` +
    (earlier
      ? opts.fullToo
        ? `Quick run again, and full on the proven schools; the exact MIP (and full elsewhere) are those of ${opts.quickAgainst}. `
        : `Quick run again; the exact MIP and full are those of ${opts.quickAgainst}. `
      : "") +
    `${summary.schools} schools of at most ${opts.maxStudents} students; the exact MIP proved ${summary.provenOptimal} optimal; ` +
    `full equals the optimum level by level on ${summary.fullEqualsOptimum} of them, quick on ${summary.quickEqualsOptimum}. ` +
    `Primary requests met over the proven schools: optimum ${summary.primaryMet.optimum}, quick ${summary.primaryMet.quick}, full ${summary.primaryMet.full}; ` +
    `worst quick shortfall ${(100 * summary.worstQuickShortfall).toFixed(2)}%, in total ${(100 * summary.totalQuickShortfall).toFixed(2)}%. Violations: ${summary.violations}. ` +
    `Time (upper figures, shared machine): exact ${(summary.ms.exact / 1000).toFixed(0)} s, quick ${(summary.ms.quick / 1000).toFixed(1)} s (CPU ${(summary.ms.quickCpu / 1000).toFixed(1)} s), full ${(summary.ms.full / 1000).toFixed(0)} s.\n\n` +
    formatExactTable(rows);
  writeResult(name, result, table);
  return { table, failed: summary.violations > 0 || summary.fullBelowOptimum.length > 0 };
}

const { table, failed } = await writeResults();
console.log(`\n${table}`);
if (failed) process.exitCode = 1;
