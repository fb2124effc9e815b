import { buildLoadModel, weightedValue } from "../bounds/load-model.ts";
import { loadLpEngine, solveModel, type LpEngine } from "../bounds/lp-engines.ts";
import type { Instance } from "../instance/instance.ts";

/** The proven optimum of a small school's load, under the lexicographic weights of load-model.ts. */
export interface ExactLoad {
  status: "optimal" | "time_limit" | "failed";
  /** Weighted value (see weightedValue); comparable with weightedValue of any loader's result. */
  value: number;
  /** Section of each request, -1 when unmet. */
  reqSection: Int32Array;
}

/**
 * Solves the loading problem exactly as a MIP (every hard constraint, avoid pairs included),
 * maximizing requests met lexicographically by priority, then fewer alternates. Meant for small
 * schools (a few hundred students) and for tests that measure the heuristic against it.
 */
export async function exactLoad(
  instance: Instance,
  options: { engine: LpEngine; timeLimitSeconds?: number } = { engine: "highs" },
): Promise<ExactLoad> {
  await loadLpEngine(options.engine);
  const model = buildLoadModel(instance, { objective: "weighted", avoidRows: true });
  const reqSection = new Int32Array(instance.nRequests).fill(-1);
  if (model.numCols === 0) return { status: "optimal", value: 0, reqSection };
  const solution = solveModel(model, options.engine, { integer: true, timeLimitSeconds: options.timeLimitSeconds });
  for (let c = 0; c < model.numCols; c++) {
    if (solution.values[c] > 0.5) reqSection[model.colReq[c]] = model.colSec[c];
  }
  return { status: solution.status, value: weightedValue(instance, reqSection), reqSection };
}
