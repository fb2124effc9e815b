/**
 * The import's read (issue 20): readProblem over a preset's interchange CSV (the district by
 * default), wall time, CPU time and peak RSS of the whole read, with each file's size and rows
 * beside it. Writes benchmarks/results/import-<preset>.json.
 *
 *   npm run bench:import -- [--preset district] [--seed 1]
 */
import { stat } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PresetName } from "../fixtures/generate.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { TABLE_NAMES, TABLES } from "../src/io/interchange/tables.ts";
import { cachedPreset } from "./preset-cache.ts";
import { writeResult } from "./results-file.ts";

const { values } = parseArgs({
  options: { preset: { type: "string", default: "district" }, seed: { type: "string", default: "1" } },
});
const preset = values.preset as PresetName;
const dir = await cachedPreset(preset, Number(values.seed));

let peak = process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
const loadBefore = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { problem } = await readProblem(dir);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());

const files = await Promise.all(
  TABLE_NAMES.map(async (name) => ({
    file: TABLES[name].file,
    rows: problem[name].length,
    MiB:
      Math.round(((await stat(path.join(dir, TABLES[name].file)).catch(() => ({ size: 0 }))).size / 2 ** 20) * 10) / 10,
  })),
);
const result = {
  preset,
  date: new Date().toISOString(),
  node: process.version,
  loadAverage: {
    before: loadBefore.map((x) => Math.round(x * 10) / 10),
    after: loadavg().map((x) => Math.round(x * 10) / 10),
  },
  readProblem: {
    wallS: Math.round(wallS * 100) / 100,
    cpuS: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
    peakRssMiB: Math.round(peak / 2 ** 20),
  },
  files,
};
console.log(JSON.stringify(result, null, 2));
console.log(writeResult(`import-${preset}`, result));
