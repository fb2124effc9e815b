// The pool entry of faulty-task.ts, as workers/solve-school-entry.mjs is for the real task.
import { register } from "tsx/esm/api";

register();
const { default: faultyTask } = await import("./faulty-task.ts");

export default faultyTask;
