import { buildLoadModel, weightedValue } from "../bounds/load-model.ts";
import { loadLpEngine, lpEngineReady, solveModel, type LpEngine } from "../bounds/lp-engines.ts";
import type { Instance } from "../instance/instance.ts";

/** The proven optimum of a small school's load, under the lexicographic weights of load-model.ts. */
export interface ExactLoad {
  /** "node_limit" / "time_limit": the best load found within the limit, not proven optimal. */
  status: "optimal" | "node_limit" | "time_limit" | "failed";
  /** Weighted value (see weightedValue); comparable with weightedValue of any loader's result. */
  value: number;
  /** Section of each request, -1 when unmet. */
  reqSection: Int32Array;
}

export interface ExactOptions {
  engine: LpEngine;
  timeLimitSeconds?: number;
  /** Most branch-and-bound nodes (highs): unlike the time limit, the same answer on any machine. */
  nodeLimit?: number;
  /** A feasible load to start from (section per request, -1 unmet). */
  start?: Int32Array;
}

/**
 * Solves the loading problem exactly as a MIP (every hard constraint, avoid pairs included),
 * maximizing requests met lexicographically by priority, then fewer alternates. Meant for small
 * schools (a few hundred students) and for tests that measure the heuristic against it.
 */
export async function exactLoad(instance: Instance, options: ExactOptions = { engine: "highs" }): Promise<ExactLoad> {
  await loadLpEngine(options.engine);
  return exactLoadSync(instance, options);
}

/** exactLoad with the engine already loaded (synchronous: run it on a worker). */
export function exactLoadSync(instance: Instance, options: ExactOptions): ExactLoad {
  if (!lpEngineReady(options.engine)) throw new Error(`the ${options.engine} engine is not loaded`);
  const model = buildLoadModel(instance, { objective: "weighted", avoidRows: true });
  const reqSection = new Int32Array(instance.nRequests).fill(-1);
  if (model.numCols === 0) return { status: "optimal", value: 0, reqSection };
  let start: Float64Array | undefined;
  if (options.start) {
    start = new Float64Array(model.numCols);
    for (let c = 0; c < model.numCols; c++) start[c] = options.start[model.colReq[c]] === model.colSec[c] ? 1 : 0;
  }
  const solution = solveModel(model, options.engine, {
    integer: true,
    timeLimitSeconds: options.timeLimitSeconds,
    nodeLimit: options.nodeLimit,
    start,
  });
  if (solution.status === "failed") return { status: "failed", value: 0, reqSection };
  for (let c = 0; c < model.numCols; c++) {
    if (solution.values[c] > 0.5) reqSection[model.colReq[c]] = model.colSec[c];
  }
  return { status: solution.status, value: weightedValue(instance, reqSection), reqSection };
}
