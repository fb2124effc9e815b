import type { Instance } from "../instance/instance.ts";
import { buildLoadModel } from "./load-model.ts";
import { startLpEngine, lpEngineStarted, solveModel, type LpEngine } from "./lp-engines.ts";

export { startLpEngine, lpEngineStarted, type LpEngine } from "./lp-engines.ts";

/**
 * LP bound on primary requests met: the LP relaxation of the loading model (avoid pairs
 * dropped, which only loosens it). Loads the engine first when needed.
 */
export async function lpBound(
  instance: Instance,
  options: { engine: LpEngine; timeLimitSeconds?: number },
): Promise<number> {
  await startLpEngine(options.engine);
  return lpBoundSync(instance, options.engine, options.timeLimitSeconds);
}

/**
 * lpBound for an engine already started (synchronous). A run stopped by its time limit gives
 * no proven bound: then the capacity of the model (every primary group) is returned.
 */
export function lpBoundSync(instance: Instance, engine: LpEngine, timeLimitSeconds?: number): number {
  if (!lpEngineStarted(engine)) throw new Error(`the ${engine} engine is not started`);
  const model = buildLoadModel(instance, { objective: "count", avoidRows: false });
  if (model.numCols === 0) return 0;
  const solution = solveModel(model, engine, { integer: false, timeLimitSeconds });
  if (solution.status !== "optimal") {
    let groups = 0;
    for (let g = 0; g < instance.nGroups; g++) groups += instance.groupPrimary[g];
    return groups;
  }
  return solution.objective;
}
