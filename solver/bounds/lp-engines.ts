import type { GLPK as GlpkRuntime } from "glpk.js/node";
import type * as HighsModule from "highs";
import type { Highs } from "highs";
import type { LoadModel } from "./load-model.ts";

/** The two LP/MIP engines, both WebAssembly: HiGHS (highs) and GLPK (glpk.js). */
export type LpEngine = "highs" | "glpk";

/**
 * What an engine returns: optimal objective (max) and the column values, or why it has none.
 * "node_limit": the MIP stopped at its node limit (the same on every machine); "time_limit": at
 * its time limit (depends on the machine); both keep the best solution found.
 */
export interface ModelSolution {
  status: "optimal" | "node_limit" | "time_limit" | "failed";
  objective: number;
  values: Float64Array;
  /** Proven upper bound on the objective of a MIP (its dual bound; the objective when optimal). */
  bound?: number;
}

type HighsLoader = (typeof HighsModule.default)["default"];

/**
 * highs ships CommonJS typings but resolves to an ES module under Node's import: TypeScript
 * sees the loader one `default` deeper than it is at run time, so look where it really is.
 */
function highsLoader(highsModule: typeof HighsModule): HighsLoader {
  const outer = highsModule.default as unknown;
  return (typeof outer === "function" ? outer : (outer as { default: HighsLoader }).default) as HighsLoader;
}

// A started WebAssembly runtime is expensive to instantiate and holds no model between calls:
// one per process and engine, started on first use.
const runtimes: { highs?: Highs; glpk?: GlpkRuntime } = {};

/**
 * Starts (once per process) the engine's WebAssembly runtime. Its package is loaded here, not
 * with this module: a quick solve, which runs no LP, never loads either.
 */
export async function startLpEngine(engine: LpEngine): Promise<void> {
  if (engine === "highs") runtimes.highs ??= await highsLoader(await import("highs"))();
  else runtimes.glpk ??= await (await import("glpk.js/node")).default();
}

/** True when the engine is started and solveModel can run synchronously. */
export function lpEngineStarted(engine: LpEngine): boolean {
  return runtimes[engine] !== undefined;
}

/**
 * Maximizes the model with the engine (started first by startLpEngine): as an LP, or as a MIP
 * with binary columns when `integer`. Synchronous: run it on a worker for large models.
 */
export interface SolveModelOptions {
  integer: boolean;
  timeLimitSeconds?: number;
  /** Most branch-and-bound nodes of a MIP (highs): a limit that gives the same answer anywhere. */
  nodeLimit?: number;
  /** Most simplex iterations of an LP (highs): a limit that stops at the same point anywhere. */
  iterationLimit?: number;
  /** A feasible start (0/1 per column), e.g. the heuristic's load; used by highs. */
  start?: Float64Array;
}

export function solveModel(model: LoadModel, engine: LpEngine, options: SolveModelOptions): ModelSolution {
  if (engine === "highs") return solveWithHighs(model, options);
  return solveWithGlpk(model, options);
}

function solveWithHighs(model: LoadModel, options: SolveModelOptions): ModelSolution {
  const highs = runtimes.highs;
  if (!highs) throw new Error("the highs engine is not started: await startLpEngine('highs') first");
  const values = model.rowValue ?? new Float64Array(model.rowIndex.length).fill(1);
  const data = {
    numCols: model.numCols,
    numRows: model.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper ?? new Float64Array(model.numCols).fill(1),
    rowLower: model.rowLower ?? new Float64Array(model.numRows).fill(-highs.infinity),
    rowUpper: model.rowUpper,
    matrix: {
      format: "csr" as const,
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.rowStart,
      indices: model.rowIndex,
      values,
    },
    ...(options.integer
      ? { integrality: new Int32Array(model.numCols).fill(highs.constants.variableType.integer) }
      : {}),
  };
  return highs.withModel(data, (m) => {
    m.options.set({ output_flag: false });
    if (options.integer) m.options.set({ mip_rel_gap: 0, mip_abs_gap: 0.5 });
    if (options.timeLimitSeconds !== undefined) m.options.set({ time_limit: options.timeLimitSeconds });
    if (options.integer && options.nodeLimit !== undefined) m.options.set({ mip_max_nodes: options.nodeLimit });
    if (!options.integer && options.iterationLimit !== undefined)
      m.options.set({ solver: "simplex", simplex_iteration_limit: options.iterationLimit });
    if (options.start) m.setSolution({ colValue: options.start });
    m.run();
    const status = m.getModelStatus();
    const solution = m.getSolution();
    const optimal = status === highs.constants.modelStatus.optimal;
    if (!optimal && solution.colValue.length !== model.numCols) {
      return { status: "failed", objective: 0, values: new Float64Array(model.numCols) } satisfies ModelSolution;
    }
    const { timeLimit, iterationLimit, solutionLimit } = highs.constants.modelStatus;
    return {
      status: optimal
        ? "optimal"
        : status === timeLimit
          ? "time_limit"
          : status === iterationLimit || status === solutionLimit
            ? "node_limit"
            : "failed",
      objective: m.getObjectiveValue(),
      values: Float64Array.from(solution.colValue),
      bound: options.integer ? Number(m.info.get("mip_dual_bound")) : undefined,
    } satisfies ModelSolution;
  });
}

function solveWithGlpk(model: LoadModel, options: SolveModelOptions): ModelSolution {
  const glpk = runtimes.glpk;
  if (!glpk) throw new Error("the glpk engine is not started: await startLpEngine('glpk') first");
  const name = (c: number) => `x${c}`;
  const subjectTo = [];
  for (let row = 0; row < model.numRows; row++) {
    const vars = [];
    for (let k = model.rowStart[row]; k < model.rowStart[row + 1]; k++)
      vars.push({ name: name(model.rowIndex[k]), coef: model.rowValue?.[k] ?? 1 });
    const lb = model.rowLower?.[row] ?? -Infinity;
    const ub = model.rowUpper[row];
    const type = lb === -Infinity ? glpk.GLP_UP : lb === ub ? glpk.GLP_FX : glpk.GLP_DB;
    subjectTo.push({ name: `r${row}`, vars, bnds: { type, ub, lb: lb === -Infinity ? 0 : lb } });
  }
  const columns = Array.from({ length: model.numCols }, (_, c) => c);
  const lp = {
    name: "load",
    objective: {
      direction: glpk.GLP_MAX,
      name: "met",
      vars: columns.map((c) => ({ name: name(c), coef: model.colCost[c] })),
    },
    subjectTo,
    bounds: columns.map((c) => {
      const lb = model.colLower[c];
      const ub = model.colUpper?.[c] ?? 1;
      return lb === ub ? { name: name(c), type: glpk.GLP_FX, lb, ub } : { name: name(c), type: glpk.GLP_DB, lb, ub };
    }),
    ...(options.integer ? { binaries: columns.filter((c) => model.colLower[c] === 0).map(name) } : {}),
  };
  const result = glpk.solve(lp, {
    msglev: glpk.GLP_MSG_OFF,
    presol: true,
    ...(options.timeLimitSeconds !== undefined ? { tmlim: options.timeLimitSeconds } : {}),
  });
  const values = new Float64Array(model.numCols);
  for (const c of columns) values[c] = result.result.vars[name(c)] ?? 0;
  const status = result.result.status;
  return {
    status: status === glpk.GLP_OPT ? "optimal" : status === glpk.GLP_FEAS ? "time_limit" : "failed",
    objective: result.result.z,
    values,
  };
}
