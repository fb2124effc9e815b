// The roster check's thread starts on plain JavaScript: register tsx first (as
// workers/solve-school-entry.mjs does), then hand over to the TypeScript task.
import { register } from "tsx/esm/api";

register();
await import("./roster-check-task.ts");
