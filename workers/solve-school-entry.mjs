// Piscina starts each worker thread on plain JavaScript: register tsx in the thread first (as
// bin/mse.mjs does for the CLI), then hand over to the TypeScript task. Resolving tsx from here,
// not from the working directory, makes this work wherever mse is run from.
import { register } from "tsx/esm/api";

register();
const task = await import("./solve-school-task.ts");

export default task.default;
/** A load of a scenario's what-if: `pool.run(task, { name: "scenarioLoad" })`. */
export const scenarioLoad = task.scenarioLoad;
