import type { Instance } from "../instance/instance.ts";
import { buildLoadModel } from "./load-model.ts";
import { startLpEngine, lpEngineStarted, solveModel, type LpEngine } from "./lp-engines.ts";

export { startLpEngine, lpEngineStarted, type LpEngine } from "./lp-engines.ts";

/** How an LP bound is computed: all optional. */
export interface LpBoundOptions {
  timeLimitSeconds?: number;
  /** Most simplex iterations (highs): a cap that stops at the same point on every machine. */
  iterationLimit?: number;
  /** Each student's time bound, added as a row per student (load-model.ts studentLimits). */
  studentLimits?: Int32Array;
  /** A model with more nonzeros is not solved (undefined): a size cap known before any work. */
  maxNonzeros?: number;
}

/**
 * LP bound on primary requests met: the LP relaxation of the loading model (avoid pairs
 * dropped, which only loosens it). Loads the engine first when needed.
 */
export async function lpBound(instance: Instance, options: LpBoundOptions & { engine: LpEngine }): Promise<number> {
  await startLpEngine(options.engine);
  return lpBoundSync(instance, options.engine, options) ?? primaryGroups(instance);
}

/**
 * lpBound for an engine already started (synchronous). A run stopped by its time or iteration
 * limit proves nothing, nor does a model over maxNonzeros: then undefined.
 */
export function lpBoundSync(instance: Instance, engine: LpEngine, options: LpBoundOptions = {}): number | undefined {
  if (!lpEngineStarted(engine)) throw new Error(`the ${engine} engine is not started`);
  const model = buildLoadModel(instance, {
    objective: "count",
    avoidRows: false,
    ...(options.studentLimits ? { studentLimits: options.studentLimits } : {}),
  });
  if (model.numCols === 0) return 0;
  if (options.maxNonzeros !== undefined && model.rowIndex.length > options.maxNonzeros) return undefined;
  const solution = solveModel(model, engine, {
    integer: false,
    timeLimitSeconds: options.timeLimitSeconds,
    iterationLimit: options.iterationLimit,
  });
  return solution.status === "optimal" ? solution.objective : undefined;
}

/** Every primary group: the bound of a model that proved nothing. */
function primaryGroups(instance: Instance): number {
  let groups = 0;
  for (let g = 0; g < instance.nGroups; g++) groups += instance.groupPrimary[g];
  return groups;
}
