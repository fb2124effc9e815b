import { buildLoadModel, type LoadModel } from "../bounds/load-model.ts";
import { startLpEngine, lpEngineStarted, solveModel, type LpEngine } from "../bounds/lp-engines.ts";
import type { Instance } from "../instance/instance.ts";
import { compareLevels, levelVector } from "./level-vector.ts";

/** The proven optimum of a small school's load, lexicographic by priority level, then fewer alternates. */
export interface ExactLoad {
  /**
   * "optimal": every stage proven. "node_limit" / "time_limit": a stage stopped at its limit;
   * the load is the best found, and only the first `provenStages` stages are proven optimal.
   * "failed": the engine gave no answer in a stage (reqSection is then the best load before it,
   * the start or empty).
   */
  status: "optimal" | "node_limit" | "time_limit" | "failed";
  /** The load's levelVector: groups met per level, then minus the alternates used. */
  levels: number[];
  /** Stages proven optimal, in levelVector order (nLevels + 1 when status is "optimal"). */
  provenStages: number;
  /** Section of each request, -1 when unmet. */
  reqSection: Int32Array;
}

export interface ExactOptions {
  engine: LpEngine;
  /** Wall-clock cap over all stages (machine-dependent; the node limit is not). */
  timeLimitSeconds?: number;
  /** Most branch-and-bound nodes of each stage (highs): unlike the time limit, the same answer on any machine. */
  nodeLimit?: number;
  /** A feasible load to start from (section per request, -1 unmet). */
  start?: Int32Array;
  /**
   * Improves a feasible load without making it worse level by level (the heuristic's moves):
   * applied to each stage's answer, so the next stage starts from a load good in its own level
   * too, not one that ignored it. Only the start of a stage changes; what is proven does not.
   */
  polish?: (reqSection: Int32Array) => Int32Array;
  /** Upper bounds on the groups met at each level (levelBounds): a stage whose start reaches its bound needs no MIP. */
  levelBounds?: readonly number[];
}

/**
 * Solves the loading problem exactly as a sequence of MIPs (every hard constraint, avoid pairs
 * included): first the most groups met at priority level 0, then, with that count held, the
 * most at level 1, and so on, then the fewest alternates. Each stage's optimum is an integer
 * the engine proves to within half a unit; one MIP with lexicographic weights over every level
 * would need costs spanning eleven orders of magnitude and would stop "optimal" on its
 * tolerances, so only the least important stages are merged, while their weights stay small. Meant for small schools (a few hundred students) and for measuring the
 * heuristic against it.
 */
export async function exactLoad(instance: Instance, options: ExactOptions = { engine: "highs" }): Promise<ExactLoad> {
  await startLpEngine(options.engine);
  return exactLoadSync(instance, options);
}

/** exactLoad with the engine already loaded (synchronous: run it on a worker). */
export function exactLoadSync(instance: Instance, options: ExactOptions): ExactLoad {
  if (!lpEngineStarted(options.engine)) throw new Error(`the ${options.engine} engine is not started`);
  const base = buildLoadModel(instance, { objective: "none", avoidRows: true });
  const stages = instance.nLevels + 1;
  let reqSection: Int32Array = new Int32Array(instance.nRequests).fill(-1);
  if (base.numCols === 0)
    return { status: "optimal", levels: levelVector(instance, reqSection), provenStages: stages, reqSection };
  const deadline =
    options.timeLimitSeconds === undefined ? Infinity : performance.now() + options.timeLimitSeconds * 1000;

  // One term per stage: groups met at a level (cost +1 per column), or alternates (-1).
  const terms = Array.from({ length: stages }, (_, stage) => {
    const unit = stageCost(instance, base, stage);
    const cols: number[] = [];
    for (let c = 0; c < base.numCols; c++) if (unit[c] !== 0) cols.push(c);
    const range =
      stage < instance.nLevels ? groupsWithColumns(instance, base, stage) : groupsWithAlternates(instance, base);
    // The best a load can do: every reachable group of the level (its bound), or no alternate.
    const best = stage < instance.nLevels ? Math.min(range, options.levelBounds?.[stage] ?? Infinity) : 0;
    return { unit, cols, range, best };
  });
  // Rows added by the stages: each proven optimum is held by the stages after it.
  const heldRows: { cols: number[]; value: number }[] = [];
  const hold = (stage: number, value: number) => heldRows.push({ cols: terms[stage].cols, value: Math.abs(value) });
  let current: Float64Array | undefined = options.start ? columnsOf(base, options.start) : undefined;
  if (current) reqSection = loadOf(base, current, instance.nRequests);
  for (const { first, weights } of mergedStages(terms.map((t) => t.range))) {
    const members = weights.map((_, k) => first + k);
    // Nothing to decide: the start already reaches the best of every term (or a term has no column).
    if (
      members.every((k) => terms[k].cols.length === 0 || (current && valueOf(terms[k].unit, current) === terms[k].best))
    ) {
      for (const k of members) hold(k, terms[k].cols.length === 0 ? 0 : terms[k].best);
      continue;
    }
    const cost = new Float64Array(base.numCols);
    members.forEach((k, j) => {
      for (const c of terms[k].cols) cost[c] += weights[j] * terms[k].unit[c];
    });
    const remaining = (deadline - performance.now()) / 1000;
    const solution =
      remaining <= 0
        ? undefined
        : solveModel(withHeldRows(base, cost, heldRows), options.engine, {
            integer: true,
            timeLimitSeconds: Number.isFinite(remaining) ? remaining : undefined,
            nodeLimit: options.nodeLimit,
            start: current,
          });
    if (!solution || solution.status === "failed") {
      return {
        status: solution ? "failed" : "time_limit",
        levels: levelVector(instance, reqSection),
        provenStages: first,
        reqSection,
      };
    }
    const values = solution.values.map((v) => (v > 0.5 ? 1 : 0));
    // A limit may stop a stage before it finds better than its start: keep the better of the two.
    if (!current || valueOf(cost, values) >= valueOf(cost, current)) current = values;
    reqSection = loadOf(base, current, instance.nRequests);
    if (options.polish) {
      const polished = options.polish(reqSection);
      if (compareLevels(levelVector(instance, polished), levelVector(instance, reqSection)) > 0) {
        reqSection = polished;
        current = columnsOf(base, polished);
      }
    }
    if (solution.status !== "optimal") {
      return { status: solution.status, levels: levelVector(instance, reqSection), provenStages: first, reqSection };
    }
    // Lexicographic weights: the optimum of the weighted sum fixes every term of it.
    for (const k of members) hold(k, valueOf(terms[k].unit, current));
  }
  return { status: "optimal", levels: levelVector(instance, reqSection), provenStages: stages, reqSection };
}

/** Largest objective a merged stage may reach: its weights stay small enough for exact integer proofs. */
const MERGED_OBJECTIVE_LIMIT = 1 << 20;

/**
 * The stages, least important merged into one MIP while their lexicographic weights stay
 * small (a term outweighs everything after it in its stage: weight = 1 + the most the later
 * terms can add): fewer MIPs, each still proving its terms exactly. `ranges` is the most each
 * term can count. Returns each MIP's first stage and its terms' weights, most important first.
 */
function mergedStages(ranges: readonly number[]): { first: number; weights: number[] }[] {
  const out: { first: number; weights: number[] }[] = [];
  let weights: number[] = [];
  let reach = 0;
  for (let k = ranges.length - 1; k >= 0; k--) {
    const weight = reach + 1;
    if (weights.length > 0 && reach + weight * ranges[k] > MERGED_OBJECTIVE_LIMIT) {
      out.unshift({ first: k + 1, weights });
      weights = [];
      reach = 0;
      k++;
      continue;
    }
    weights.unshift(weight);
    reach += weight * ranges[k];
  }
  out.unshift({ first: 0, weights });
  return out;
}

/** Cost of each column in a stage: 1 for a group of that level met; in the last stage -1 per alternate. */
function stageCost(inst: Instance, model: LoadModel, stage: number): Float64Array {
  const cost = new Float64Array(model.numCols);
  for (let c = 0; c < model.numCols; c++) {
    const r = model.colReq[c];
    if (stage < inst.nLevels) cost[c] = inst.groupLevel[inst.reqGroup[r]] === stage ? 1 : 0;
    else cost[c] = inst.reqAltRank[r] > 0 ? -1 : 0;
  }
  return cost;
}

/** Groups with at least one column of an alternate: the most alternates a load can use. */
function groupsWithAlternates(inst: Instance, model: LoadModel): number {
  const seen = new Uint8Array(inst.nGroups);
  let n = 0;
  for (let c = 0; c < model.numCols; c++) {
    const r = model.colReq[c];
    const g = inst.reqGroup[r];
    if (inst.reqAltRank[r] > 0 && !seen[g]) {
      seen[g] = 1;
      n++;
    }
  }
  return n;
}

/** Groups of a level with at least one column: the most that level can meet. */
function groupsWithColumns(inst: Instance, model: LoadModel, level: number): number {
  const seen = new Uint8Array(inst.nGroups);
  let n = 0;
  for (let c = 0; c < model.numCols; c++) {
    const g = inst.reqGroup[model.colReq[c]];
    if (inst.groupLevel[g] === level && !seen[g]) {
      seen[g] = 1;
      n++;
    }
  }
  return n;
}

/** The model with the stage's costs and one equality row per stage already proven. */
function withHeldRows(
  model: LoadModel,
  cost: Float64Array,
  held: readonly { cols: number[]; value: number }[],
): LoadModel {
  const rows = held.filter((h) => h.cols.length > 0);
  const extra = rows.reduce((n, h) => n + h.cols.length, 0);
  const rowStart = new Int32Array(model.numRows + rows.length + 1);
  rowStart.set(model.rowStart);
  const rowIndex = new Int32Array(model.rowIndex.length + extra);
  rowIndex.set(model.rowIndex);
  // Held rows count columns: coefficient 1.
  const rowValue = model.rowValue ? new Float64Array(model.rowIndex.length + extra).fill(1) : undefined;
  rowValue?.set(model.rowValue!);
  const rowUpper = new Float64Array(model.numRows + rows.length);
  rowUpper.set(model.rowUpper);
  const rowLower = new Float64Array(model.numRows + rows.length).fill(-Infinity);
  let k = model.rowIndex.length;
  rows.forEach((h, j) => {
    const row = model.numRows + j;
    for (const c of h.cols) rowIndex[k++] = c;
    rowStart[row + 1] = k;
    // The held count: groups met at the level (alternates: their number, all columns of cost -1).
    rowLower[row] = h.value;
    rowUpper[row] = h.value;
  });
  return {
    ...model,
    colCost: cost,
    numRows: model.numRows + rows.length,
    rowStart,
    rowIndex,
    rowUpper,
    rowLower,
    ...(rowValue ? { rowValue } : {}),
  };
}

/** 0/1 per column of a load given as a section per request. */
export function columnsOf(model: LoadModel, reqSection: Int32Array): Float64Array {
  const x = new Float64Array(model.numCols);
  for (let c = 0; c < model.numCols; c++) x[c] = reqSection[model.colReq[c]] === model.colSec[c] ? 1 : 0;
  return x;
}

/** The section per request of a 0/1 column vector. */
export function loadOf(model: LoadModel, x: Float64Array, nRequests: number): Int32Array {
  const reqSection = new Int32Array(nRequests).fill(-1);
  for (let c = 0; c < model.numCols; c++) if (x[c] > 0.5) reqSection[model.colReq[c]] = model.colSec[c];
  return reqSection;
}

/** The value of a 0/1 column vector under `cost`. */
export function valueOf(cost: Float64Array, x: Float64Array): number {
  let v = 0;
  for (let c = 0; c < cost.length; c++) v += cost[c] * x[c];
  return v;
}
