import { prepareSolverEngines } from "../../solver/solve-school.ts";
import type { SolveOptions } from "../../solver/solve-options.ts";

/**
 * Loads what the synchronous solver needs for these options, once per process (or worker):
 * HiGHS for the exact model of small schools at full quality (whatever engine the LP bound
 * uses) and the LP bound's engine. Every process that solves must call it, or two processes
 * would return different rosters.
 */
export async function prepareSolver(options: Pick<SolveOptions, "quality" | "lpBound" | "lpEngine">): Promise<void> {
  await prepareSolverEngines(options);
}
