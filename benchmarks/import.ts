/**
 * The import (issue 20): readProblem over a preset's interchange CSV (the district by
 * default), wall time, CPU time and peak RSS of the whole read, with each file's size and rows
 * beside it; with --db, then importProblem into a fresh store of that kind, timed the same way
 * (as bench:nightly's import phase is both), and a hash of each table the import wrote: two
 * versions of the import that write the same store give the same hashes (the import time of the
 * school rows left out). Writes benchmarks/results/import-<preset>[-<db>].json.
 *
 *   npm run bench:import -- [--preset district] [--seed 1] [--db sqlite|postgresql]
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PresetName } from "../fixtures/generate.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { TABLE_NAMES, TABLES } from "../src/io/interchange/tables.ts";
import { threadCpuSeconds } from "../src/run/thread-cpu.ts";
import { closeStore, importProblem, openStore, type Store, type StoreKind } from "../src/store/index.ts";
import { freshDatabase } from "./fresh-database.ts";
import { cachedPreset } from "./preset-cache.ts";
import { writeResult } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    preset: { type: "string", default: "district" },
    seed: { type: "string", default: "1" },
    db: { type: "string" },
  },
});
const preset = values.preset as PresetName;
const db = values.db as StoreKind | undefined;
if (db !== undefined && db !== "sqlite" && db !== "postgresql")
  throw new Error(`--db: sqlite or postgresql, not ${db}`);
const dir = await cachedPreset(preset, Number(values.seed));
const database = db === undefined ? undefined : await freshDatabase(db, "import");
const store = database === undefined ? undefined : await openStore(database.url);

let peak = process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
const loadBefore = loadavg();
const cpu0 = process.cpuUsage();
const main0 = threadCpuSeconds() ?? 0;
const t0 = performance.now();
const { problem } = await readProblem(dir);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const main1 = threadCpuSeconds() ?? 0;
peak = Math.max(peak, process.memoryUsage.rss());
const readPeak = peak;
/** The store's tables of a school's problem (src/store/problem-tables.ts), each row keyed by school_id and position. */
const SCHOOL_TABLES = ["term", "course", "teacher", "room", "section", "student", "avoid_pair"];

/** Each problem table's rows and a hash of them in key order (the school rows without their import time). */
async function tableHashes(store: Store): Promise<Record<string, { rows: number; sha256: string }>> {
  const hashes: Record<string, { rows: number; sha256: string }> = {};
  const hashOf = (rows: unknown[]) => {
    const hash = createHash("sha256");
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    return { rows: rows.length, sha256: hash.digest("hex").slice(0, 16) };
  };
  const schools = await store.db.query<Record<string, unknown>>(`SELECT * FROM school ORDER BY position`, []);
  hashes.school = hashOf(schools.map(({ imported_at: _, ...row }) => row));
  for (const table of SCHOOL_TABLES)
    hashes[table] = hashOf(await store.db.queryArrays(`SELECT * FROM "${table}" ORDER BY school_id, position`, []));
  return hashes;
}

/** Seconds to two decimals. */
const s2 = (x: number) => Math.round(x * 100) / 100;
let store_:
  | {
      wallS: number;
      cpuS: number;
      mainThreadCpuS: number;
      peakRssMiB: number;
      timingsMs: Record<string, number>;
      tables: Record<string, { rows: number; sha256: string }>;
    }
  | undefined;
if (store !== undefined) {
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const summary = await importProblem(store, problem);
  const storeWall = (performance.now() - t1) / 1000;
  const storeCpu = process.cpuUsage(cpu1);
  const storeMain = (threadCpuSeconds() ?? 0) - main1;
  peak = Math.max(peak, process.memoryUsage.rss());
  store_ = {
    wallS: Math.round(storeWall * 100) / 100,
    cpuS: Math.round(((storeCpu.user + storeCpu.system) / 1e6) * 100) / 100,
    mainThreadCpuS: s2(storeMain),
    peakRssMiB: Math.round(peak / 2 ** 20),
    timingsMs: Object.fromEntries(Object.entries(summary.timings).map(([k, v]) => [k, Math.round(v)])),
    tables: await tableHashes(store),
  };
  await closeStore(store);
  await database!.drop();
}
clearInterval(sampler);

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
    mainThreadCpuS: s2(main1 - main0),
    peakRssMiB: Math.round(readPeak / 2 ** 20),
  },
  ...(store_ === undefined ? {} : { db, importProblem: store_ }),
  files,
};
console.log(JSON.stringify(result, null, 2));
console.log(writeResult(db === undefined ? `import-${preset}` : `import-${preset}-${db}`, result));
