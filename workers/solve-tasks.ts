/**
 * Every task of the solve pool, in one module: the pool starts its threads on this file once
 * bundled (dist/bundle/solve-tasks.js), and on solve-school-entry.mjs (tsx first, then this
 * file) when it runs as TypeScript. A new task is exported here and named in that entry.
 */
export { default, incrementalSchoolTask, scenarioLoad } from "./solve-school-task.ts";
export { benchmarkSchoolTask } from "./benchmark-task.ts";
export { validateRosterTask } from "./validate-roster-task.ts";
