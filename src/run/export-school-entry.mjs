// The export pool's thread starts on plain JavaScript: register tsx first (as
// workers/solve-school-entry.mjs does), then hand over to the TypeScript task.
import { register } from "tsx/esm/api";

register();
const { default: exportSchoolTask } = await import("./export-school-task.ts");

export default exportSchoolTask;
