// Piscina starts each worker thread on plain JavaScript: register tsx in the thread first (as
// bin/mse.mjs does for the CLI), then hand over to the TypeScript tasks (solve-tasks.ts, which the
// compiled CLI starts its threads on directly). Resolving tsx from here, not from the working
// directory, makes this work wherever mse is run from.
import { register } from "tsx/esm/api";

register();
const tasks = await import("./solve-tasks.ts");

export default tasks.default;
/** A load of a scenario's what-if: `pool.run(task, { name: "scenarioLoad" })`. */
export const scenarioLoad = tasks.scenarioLoad;
/** An incremental run's solve, checked and reported (src/district/solve-pool.ts solveIncrementalOnPool). */
export const incrementalSchoolTask = tasks.incrementalSchoolTask;
export const benchmarkSchoolTask = tasks.benchmarkSchoolTask;
export const validateRosterTask = tasks.validateRosterTask;
