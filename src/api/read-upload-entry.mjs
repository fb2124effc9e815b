// The upload pool's thread starts on plain JavaScript: register tsx first (as
// workers/solve-school-entry.mjs does), then hand over to the TypeScript task.
import { register } from "tsx/esm/api";

register();
const { readUploadTask } = await import("./read-upload-task.ts");

export default readUploadTask;
