/**
 * The longest stalls of the event loop while importProblem writes a preset (the district by
 * default) into a fresh store: what a server's thread would be held for if it imported it.
 *
 *   npx tsx benchmarks/import-stalls.ts [--preset district] [--db sqlite|postgresql]
 */
import { parseArgs } from "node:util";
import type { PresetName } from "../fixtures/generate.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { closeStore, importProblem, openStore, type StoreKind } from "../src/store/index.ts";
import { cachedPreset } from "./preset-cache.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";
import { loadavg } from "node:os";

const { values } = parseArgs({
  options: { preset: { type: "string", default: "district" }, db: { type: "string", default: "sqlite" } },
});
const preset = values.preset as PresetName;
const { problem } = await readProblem(await cachedPreset(preset, 1));
const database = await freshDatabase(values.db as StoreKind, "import_stalls");
const store = await openStore(database.url);
const stalls: { ms: number; at: number }[] = [];
let last = performance.now();
const started = last;
const tick = setInterval(() => {
  const now = performance.now();
  if (now - last > 60) stalls.push({ ms: Math.round(now - last - 10), at: Math.round(last - started) });
  last = now;
}, 10);
const cpu0 = process.cpuUsage();
const summary = await importProblem(store, problem);
const cpu = process.cpuUsage(cpu0);
const wallMs = Math.round(performance.now() - started);
clearInterval(tick);
await closeStore(store);
await database.drop();
stalls.sort((a, b) => b.ms - a.ms);
const result = {
  preset,
  db: values.db,
  loadavg: loadavg(),
  wallMs,
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  longestStallMs: stalls[0]?.ms ?? 0,
  stalls: stalls.slice(0, 20),
  timings: Object.fromEntries(Object.entries(summary.timings).map(([k, v]) => [k, Math.round(v)])),
};
console.log(JSON.stringify(result, null, 1));
writeResult(`import-stalls-${preset}-${values.db}`, result);
