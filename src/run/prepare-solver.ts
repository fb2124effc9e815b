import { loadLpEngine } from "../../solver/bounds/lp-engines.ts";
import type { SolveOptions } from "../../solver/solve-options.ts";

/**
 * Loads what the synchronous solver needs for these options, once per process (or worker):
 * the full quality finishes small schools with the exact MIP and the LP bound needs its engine.
 * Every process that solves must call it, or two processes would return different rosters.
 */
export async function prepareSolver(options: Pick<SolveOptions, "quality" | "lpBound" | "lpEngine">): Promise<void> {
  if (options.quality === "full" || options.lpBound) await loadLpEngine(options.lpEngine ?? "highs");
}
