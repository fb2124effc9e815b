// The thread computing bounds (bounds-on-thread.ts) starts on plain JavaScript when the CLI runs
// as TypeScript: register tsx first (as workers/solve-school-entry.mjs does), then run the
// TypeScript thread.
import { register } from "tsx/esm/api";

register();
await import("./bounds-thread.ts");
