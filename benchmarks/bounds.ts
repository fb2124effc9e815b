/**
 * The bounds benchmark: how far each upper bound on primary requests met sits above the best
 * roster known, per school kind, and what each costs in CPU. A sample of a preset's schools
 * (every n-th of each kind) is compiled; every bound is computed on it and timed in CPU
 * seconds (the machine is shared); the school is solved at quick and full quality, and schools
 * small enough also get the MIP of the bound's own objective (most primary requests met), whose
 * optimum is the truth both the rosters and the bounds are measured against. Writes
 * benchmarks/results/<name>.json and .md.
 *
 *   npm run bench:bounds -- --preset district --every 10
 */
import { Command } from "commander";
import { presetPlan, presetSchool, PRESETS, type PresetName } from "../fixtures/generate.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { capacityFlowBound } from "../solver/bounds/capacity-bound.ts";
import { buildLoadModel } from "../solver/bounds/load-model.ts";
import { lpBoundSync } from "../solver/bounds/lp-bound.ts";
import { solveModel, startLpEngine } from "../solver/bounds/lp-engines.ts";
import {
  boundsAfterLoad,
  boundsBeforeLoad,
  LP_ITERATION_LIMIT,
  LP_MAX_NONZEROS,
  LP_MAX_STUDENTS,
} from "../solver/bounds/school-bounds.ts";
import { slotFlowBound } from "../solver/bounds/slot-flow-bound.ts";
import { readFileSync } from "node:fs";
import { seatTimeBound } from "../solver/bounds/seat-time-bound.ts";
import { studentTimeBounds } from "../solver/bounds/time-bound.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import type { Instance } from "../solver/instance/instance.ts";
import { solveSchool } from "../solver/solve-school.ts";
import type { Quality } from "../solver/solve-options.ts";
import { rosterToRequestSections } from "./compare-with-exact.ts";
import { writeResult } from "./results-file.ts";

interface Options {
  preset: PresetName;
  seed: number;
  every: number;
  full: boolean;
  mipStudents: number;
  mipSeconds: number;
  lpStudents: number;
  kinds?: string[];
  before?: string;
  name?: string;
}

const opts = new Command("bench:bounds")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option("--every <n>", "measure every n-th school of each kind", parsePositiveInt, 10)
  .option("--no-full", "skip the full-quality solve (the best known roster is then quick's or the MIP's)")
  .option(
    "--mip-students <n>",
    "schools up to this size also get the MIP of most primary requests met",
    parseNonNegativeInt,
    400,
  )
  .option("--mip-seconds <s>", "time cap of that MIP per school", parsePositiveInt, 60)
  .option("--lp-students <n>", "schools up to this size also get the LP bound", parseNonNegativeInt, 1000)
  .option("--kinds <list>", "only these kinds (comma-separated)", (v: string) => v.split(","))
  .option("--before <file>", "an earlier result file of this benchmark: its quick bounds are the table's 'before'")
  .option("--name <name>", "result file name (default: bounds-<preset>)")
  .parse()
  .opts<Options>();

/** One measured school. */
interface SchoolBounds {
  schoolId: string;
  kind: string;
  students: number;
  primaryGroups: number;
  /** Each bound's value and CPU milliseconds. */
  bounds: Record<string, { value: number; cpuMs: number }>;
  quick: number;
  /** The best bound the quick solve reports (report.json's bounds.best) and which bound it is. */
  quickBound: number;
  quickBestBy?: string;
  /** CPU milliseconds of the bounds the quick solve computes (an earlier version: capacity + time). */
  quickBoundsCpuMs: number;
  full?: number;
  /** The MIP of most primary requests met: its status and value (the optimum when "optimal"). */
  mip?: { status: string; value: number; bound: number; ms: number };
  /** The most primary requests any known roster meets (quick, full, the MIP's). */
  bestKnown: number;
  violations: number;
}

/** CPU milliseconds (user + system) of a synchronous step, and its value. */
function cpuTimed<T>(step: () => T): [T, number] {
  const started = process.cpuUsage();
  const value = step();
  const used = process.cpuUsage(started);
  return [value, (used.user + used.system) / 1000];
}

function primaryMet(instance: Instance, reqSection: Int32Array): number {
  let met = 0;
  for (let r = 0; r < instance.nRequests; r++)
    if (reqSection[r] >= 0 && instance.groupPrimary[instance.reqGroup[r]]) met++;
  return met;
}

await startLpEngine("highs");
const plan = presetPlan(opts.preset, opts.seed);
const seenOfKind = new Map<string, number>();
const rows: SchoolBounds[] = [];
for (const planned of plan) {
  const k = seenOfKind.get(planned.category) ?? 0;
  seenOfKind.set(planned.category, k + 1);
  if (k % opts.every !== 0 || (opts.kinds && !opts.kinds.includes(planned.category))) continue;
  const school = presetSchool(opts.preset, opts.seed, planned);
  if (school.requests.length === 0) continue;
  const instance = compileInstance(school);
  const bounds: SchoolBounds["bounds"] = {};
  const [capacity, capacityMs] = cpuTimed(() => capacityFlowBound(instance));
  bounds.capacity = { value: capacity, cpuMs: capacityMs };
  const [perStudent, timeMs] = cpuTimed(() => studentTimeBounds(instance));
  bounds.time = { value: perStudent.reduce((a, b) => a + b, 0), cpuMs: timeMs };
  const [seatTime, seatTimeMs] = cpuTimed(() => seatTimeBound(instance, perStudent));
  bounds.seatTime = { value: seatTime, cpuMs: seatTimeMs };
  const [slotFlow, slotFlowMs] = cpuTimed(() => slotFlowBound(instance, perStudent));
  bounds.slotFlow = { value: slotFlow, cpuMs: slotFlowMs };
  if (instance.nStudents <= opts.lpStudents) {
    const [lp, lpMs] = cpuTimed(() => lpBoundSync(instance, "highs"));
    if (lp !== undefined) bounds.lp = { value: Math.floor(lp + 1e-6), cpuMs: lpMs };
  }
  if (instance.nStudents <= LP_MAX_STUDENTS) {
    // The LP quick computes after its load (with each student's time bound as a row), uncapped here.
    const [lp, lpMs] = cpuTimed(() => lpBoundSync(instance, "highs", { studentLimits: perStudent }));
    if (lp !== undefined) bounds.lpStudentRows = { value: Math.floor(lp + 1e-6), cpuMs: lpMs };
  }
  let violations = 0;
  const solve = async (quality: Quality) => {
    const outcome = await solveSchool(school, { seed: opts.seed, quality });
    violations += validateRoster(joinSchools([school]), [outcome.roster]).length;
    const reqSection = rosterToRequestSections(instance, outcome.roster);
    return { met: primaryMet(instance, reqSection), reqSection, bounds: outcome.bounds };
  };
  const quickRun = await solve("quick");
  const quick = quickRun.met;
  // What the quick solve spends on its bounds (before the load, and after it from its load).
  const [, solveBoundsMs] = cpuTimed(() => {
    const before = boundsBeforeLoad(instance);
    boundsAfterLoad(instance, before.bounds, { met: quick, reqSection: quickRun.reqSection }, before.perStudent, {
      lp: true,
    });
  });
  const full = opts.full ? (await solve("full")).met : undefined;
  let mip: SchoolBounds["mip"];
  if (instance.nStudents <= opts.mipStudents) {
    const started = performance.now();
    const model = buildLoadModel(instance, { objective: "count", avoidRows: true });
    const solution = solveModel(model, "highs", { integer: true, timeLimitSeconds: opts.mipSeconds });
    mip = {
      status: solution.status,
      value: Math.round(solution.objective),
      bound: Math.floor((solution.bound ?? solution.objective) + 1e-6),
      ms: performance.now() - started,
    };
  }
  const bestKnown = Math.max(quick, full ?? 0, mip?.value ?? 0);
  const row: SchoolBounds = {
    schoolId: school.school.schoolId,
    kind: planned.category,
    students: instance.nStudents,
    primaryGroups: instance.groupPrimary.reduce((a, b) => a + b, 0),
    bounds,
    quick,
    quickBound: quickRun.bounds.best,
    quickBoundsCpuMs: solveBoundsMs,
    ...(quickRun.bounds.bestBy ? { quickBestBy: quickRun.bounds.bestBy } : {}),
    ...(full !== undefined ? { full } : {}),
    ...(mip ? { mip } : {}),
    bestKnown,
    violations,
  };
  rows.push(row);
  const shown = Object.entries(bounds)
    .map(([name, b]) => `${name} ${b.value} (${b.cpuMs.toFixed(0)} ms)`)
    .join(", ");
  console.log(
    `${row.schoolId} ${row.kind} ${row.students}: quick ${quick}, full ${full ?? "-"}, mip ${mip ? `${mip.status} ${mip.value}` : "-"}; ${shown}`,
  );
  for (const b of [...Object.values(bounds).map((b) => b.value), row.quickBound]) {
    if (b < bestKnown) throw new Error(`${row.schoolId}: a bound (${b}) below a roster (${bestKnown})`);
  }
}

/** Per kind: the bound quick reports before (an earlier run) and now, against the best rosters known, and the CPU. */
function table(): string {
  const before = new Map<string, number>();
  const beforeCpu = new Map<string, number>();
  if (opts.before) {
    const earlier = JSON.parse(readFileSync(opts.before, "utf8")) as { rows: SchoolBounds[] };
    for (const r of earlier.rows) {
      before.set(r.schoolId, r.quickBound);
      beforeCpu.set(r.schoolId, r.quickBoundsCpuMs ?? r.bounds.capacity.cpuMs + r.bounds.time.cpuMs);
    }
  }
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  const lines = [
    `## bounds-${opts.preset} (${new Date().toISOString().slice(0, 10)})`,
    "",
    `Every ${opts.every}th school of each kind of ${opts.preset} (seed ${opts.seed}). Looseness = (bound - best known) / bound, ` +
      "the best known being the most primary requests met by quick, full or the MIP of that count (schools up to " +
      `${opts.mipStudents} students); so it is at most how loose the bound is. "before": the bound quick reported ` +
      `in ${opts.before ?? "(no earlier run given)"}; "now": the bound quick reports (report.json's bounds.best). ` +
      "CPU: ms per 1,000 students of the bounds quick computes, before and now, and of each bound computed alone (the slot flow from nothing, on every school). " +
      `Quick computes the LP (with each student's time bound as a row, models of at most ${LP_MAX_NONZEROS} nonzeros, at most ${LP_ITERATION_LIMIT} simplex iterations) after its load on schools of up to ${LP_MAX_STUDENTS} students whose gap is still open.`,
    "",
    "| kind | schools | students | best known | quick met | bound before | bound now | looseness before | looseness now | quick gap now | CPU quick's bounds before | now | CPU capacity | CPU time | CPU seat-time | CPU slot flow |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const line = (kind: string, list: SchoolBounds[]) => {
    const sum = (pick: (r: SchoolBounds) => number) => list.reduce((n, r) => n + pick(r), 0);
    const students = sum((r) => r.students);
    const best = sum((r) => r.bestKnown);
    const quick = sum((r) => r.quick);
    const was = list.every((r) => before.has(r.schoolId)) ? sum((r) => before.get(r.schoolId)!) : undefined;
    const now = sum((r) => r.quickBound);
    const pct = (b: number, met = best) => `${(((b - met) / b) * 100).toFixed(3)}%`;
    const perK = (ms: number) => ((ms / students) * 1000).toFixed(1);
    const cpu = (name: string) => perK(sum((r) => r.bounds[name]?.cpuMs ?? 0));
    const cpuBefore = list.every((r) => beforeCpu.has(r.schoolId)) ? perK(sum((r) => beforeCpu.get(r.schoolId)!)) : "-";
    lines.push(
      `| ${kind} | ${list.length} | ${students} | ${best} | ${quick} | ${was ?? "-"} | ${now} | ${was ? pct(was) : "-"} | ${pct(now)} | ${pct(now, quick)} | ${cpuBefore} | ${perK(sum((r) => r.quickBoundsCpuMs))} | ${cpu("capacity")} | ${cpu("time")} | ${cpu("seatTime")} | ${cpu("slotFlow")} |`,
    );
  };
  for (const kind of kinds)
    line(
      kind,
      rows.filter((r) => r.kind === kind),
    );
  line("all", rows);
  return `${lines.join("\n")}\n`;
}

const md = table();
console.log(md);
writeResult(
  opts.name ?? `bounds-${opts.preset}`,
  { preset: opts.preset, seed: opts.seed, every: opts.every, rows },
  md,
);
