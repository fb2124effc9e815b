import { buildLoadModel, type LoadModel } from "../bounds/load-model.ts";
import { lpEngineStarted, solveModel } from "../bounds/lp-engines.ts";
import type { Instance } from "../instance/instance.ts";
import { columnsOf, loadOf, valueOf } from "./exact-load.ts";
import { compareLevels, levelVector, primaryMetByLevel } from "./level-vector.ts";

/**
 * The LP-guided search's deterministic caps (the same load on any machine; no wall clock):
 * models of at most LP_GUIDED_MAX_NONZEROS nonzeros (hard-small-v1.1's largest school, HS-0011,
 * 389 students: 52,150), its LP stopped at LP_GUIDED_ITERATION_LIMIT simplex iterations
 * (HS-0011 needs ~10,800), each sub-MIP at LP_GUIDED_NODE_LIMIT nodes (those measured all close
 * at the root), at most LP_GUIDED_ROUNDS sub-MIPs.
 */
export const LP_GUIDED_MAX_NONZEROS = 80_000;
export const LP_GUIDED_ITERATION_LIMIT = 30_000;
export const LP_GUIDED_NODE_LIMIT = 20;
export const LP_GUIDED_ROUNDS = 3;

/**
 * The share of the requests met a round must add for the next to run. On the proven high
 * schools of hard-small-v1.1 the rounds that count add 0.3-0.6% (HS-0011: 2,920 -> 2,934 ->
 * 2,943). On the district (79 schools searched when the gate was a 0.4% gap, every round run
 * while it gained at all) the sub-MIPs took about 70% of the search's time, the LP the rest,
 * for 0-11 requests a school.
 */
export const LP_GUIDED_ROUND_GAIN = 0.0025;

/**
 * How many slices the fractional students are cut into: each round after the first frees the
 * whole rows of one slice. All of them at once (HS-0011: 152 students, 5,400 free columns) met
 * 2,953 in one sub-MIP of 2.5-6 s CPU (load 9-12); a third at a time keeps each sub-MIP to about
 * 3,000 free columns, and with the round before them (the columns where the LP and the load
 * disagree, 2,400) reached 2,943 in two rounds.
 */
const SLICES = 3;

/**
 * What a load is worth to the LP and the sub-MIPs: a group met at level l is worth
 * LEVEL_RATIO^(levels-1-l) units of the lowest level's weight, less one for an alternate. Not
 * lexicographic (that takes weights over eleven orders of magnitude, which the LP's tolerances do
 * not keep apart): close enough to steer, and every answer is judged level by level afterwards.
 * A ratio of 4 and one of 10 gave the same loads on HS-0006, HS-0008 and HS-0011 (within two
 * requests); a ratio of 2 let the MIP trade a priority-1 request for two lower ones.
 */
const LEVEL_RATIO = 4;
const LOWEST_WEIGHT = 4;

/**
 * Improves a small school's load with its LP relaxation as a guide (relax-and-fix): the LP of
 * the exact model (exact-load.ts, avoid pairs included) with every level weighted, then
 * sub-MIPs (HiGHS, started from the best load so far) in which every column where the LP and
 * that load agree is fixed, and in later rounds also the whole rows of a slice of the students
 * the LP leaves fractional. Each sub-MIP's answer goes through `polish` (the heuristic's moves,
 * started from it) and replaces the load only when better level by level. Why: quick's moves
 * reseat a few students at a time, while the optimum of a small high school differs from quick's
 * load by rotations of a whole grade's schedules around lunch (hard-small-v1.1 HS-0011: 2,920
 * met, the optimum 2,956), which the LP sees at once. Returns undefined when the school is over
 * the caps, the LP stops short, or nothing better is found; HiGHS must be started.
 */
export function lpGuidedLoad(
  instance: Instance,
  start: Int32Array,
  polish: (load: Int32Array) => Int32Array,
): Int32Array | undefined {
  if (!lpEngineStarted("highs")) throw new Error("HiGHS is not started: lpGuidedLoad needs it");
  const model = buildLoadModel(instance, { objective: "none", avoidRows: true });
  if (model.numCols === 0 || model.rowIndex.length > LP_GUIDED_MAX_NONZEROS) return undefined;
  const weighted: LoadModel = { ...model, colCost: levelWeights(instance, model) };
  const lp = solveModel(weighted, "highs", { integer: false, iterationLimit: LP_GUIDED_ITERATION_LIMIT });
  if (lp.status !== "optimal") return undefined;
  // A load the LP cannot better (by the weights) leaves no sub-MIP anything to find.
  if (lp.objective - valueOf(weighted.colCost, columnsOf(weighted, start)) < 1) return undefined;
  const slices = fractionalSlices(instance, weighted, lp.values);
  const columnStudent = weighted.colReq.map((r) => instance.reqStudent[r]);

  let best = start;
  let bestLevels = levelVector(instance, start);
  let improved = false;
  // Round 0 frees only the columns where the LP and the load disagree; round k>0 also frees
  // slice k-1 whole. The next round runs only when this one met LP_GUIDED_ROUND_GAIN more.
  for (let round = 0; round < LP_GUIDED_ROUNDS; round++) {
    const slice = round === 0 ? undefined : slices[round - 1];
    if (round > 0 && slice === undefined) break;
    const current = columnsOf(weighted, best);
    const sub = withFixedColumns(weighted, lp.values, current, slice && ((c) => slice[columnStudent[c]] === 1));
    const solution = solveModel(sub, "highs", { integer: true, nodeLimit: LP_GUIDED_NODE_LIMIT, start: current });
    if (solution.status === "failed") break;
    const polished = polish(loadOf(weighted, solution.values, instance.nRequests));
    const levels = levelVector(instance, polished);
    if (compareLevels(levels, bestLevels) <= 0) break;
    const before = primaryMet(instance, best);
    const gained = primaryMet(instance, polished) - before >= LP_GUIDED_ROUND_GAIN * before;
    best = polished;
    bestLevels = levels;
    improved = true;
    if (!gained) break;
  }
  return improved ? best : undefined;
}

/** Each column's value: its group's level weight, one less for an alternate. */
function levelWeights(inst: Instance, model: LoadModel): Float64Array {
  const weightOf = Array.from(
    { length: inst.nLevels },
    (_, level) => LOWEST_WEIGHT * LEVEL_RATIO ** Math.min(12, inst.nLevels - 1 - level),
  );
  const cost = new Float64Array(model.numCols);
  for (let c = 0; c < model.numCols; c++) {
    const r = model.colReq[c];
    cost[c] = weightOf[inst.groupLevel[inst.reqGroup[r]]] - (inst.reqAltRank[r] > 0 ? 1 : 0);
  }
  return cost;
}

/** A column the LP leaves strictly between 0 and 1 (beyond its tolerances). */
function fractional(value: number): boolean {
  return value > 1e-6 && value < 1 - 1e-6;
}

/** The students with a fractional column, in index order, dealt into SLICES slices (none when there are none). */
function fractionalSlices(inst: Instance, model: LoadModel, values: Float64Array): Uint8Array[] {
  const students: number[] = [];
  let last = -1;
  for (let c = 0; c < model.numCols; c++) {
    const i = inst.reqStudent[model.colReq[c]];
    if (i !== last && fractional(values[c])) {
      students.push(i);
      last = i;
    }
  }
  const unique = [...new Set(students)];
  if (unique.length === 0) return [];
  const slices = Array.from({ length: Math.min(SLICES, unique.length) }, () => new Uint8Array(inst.nStudents));
  unique.forEach((i, k) => (slices[k % slices.length][i] = 1));
  return slices;
}

/**
 * The model with every column fixed at the load's value where the LP agrees with it (0 or 1),
 * free where they differ or the LP is fractional, and free wherever `freed` says. The load
 * itself stays feasible, so the sub-MIP can only do better by the weights.
 */
function withFixedColumns(
  model: LoadModel,
  lp: Float64Array,
  load: Float64Array,
  freed: ((column: number) => boolean) | undefined,
): LoadModel {
  const colLower = Float64Array.from(model.colLower);
  const colUpper = new Float64Array(model.numCols).fill(1);
  for (let c = 0; c < model.numCols; c++) {
    if (freed?.(c)) continue;
    const agrees = load[c] === 1 ? lp[c] >= 1 - 1e-6 : lp[c] <= 1e-6;
    if (!agrees) continue;
    colLower[c] = Math.max(colLower[c], load[c]);
    colUpper[c] = load[c] === 1 ? 1 : colLower[c];
  }
  return { ...model, colLower, colUpper };
}

/** Primary requests met by a load (all levels). */
function primaryMet(inst: Instance, load: Int32Array): number {
  return primaryMetByLevel(inst, load).reduce((sum, n) => sum + n, 0);
}
