// The thread reading a file (read-table-on-thread.ts) starts on plain JavaScript when the
// reader runs as TypeScript: register tsx first (as workers/solve-school-entry.mjs does), then
// run the TypeScript thread.
import { register } from "tsx/esm/api";

register();
await import("./read-table-thread.ts");
