/**
 * The nightly's publish phase alone, repeated: the district imported and scheduled once (the
 * rosters kept under benchmarks/cache/publish-<preset>-<seed>-<quality>/, the imported store as
 * a template database beside them, or on the PostgreSQL server), then each round publishes every
 * school's roster into a fresh copy of that store, as bench:nightly's publish phase does. A round
 * reports wall time, this process's CPU time, the CPU time of the database's server processes
 * (PostgreSQL, read from /proc), the WAL written and synced, and a hash of every live roster read
 * back, so that two versions of the store can be compared on both speed and result.
 *
 *   npx tsx benchmarks/publish.ts --preset district --db postgresql --rounds 3
 *
 * Writes benchmarks/results/publish-<preset>-<db>.json.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Command } from "commander";
import pg from "pg";
import { oneOf, parsePositiveInt, parseNonNegativeInt } from "../src/cli/option-parsers.ts";
import { poolExecutor } from "../src/district/executors.ts";
import { DEFAULT_NIGHTLY_QUALITY } from "../src/district/nightly-schedule.ts";
import { fromFiles, runSchools } from "../src/district/run-schools.ts";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import type { SchoolReport } from "../src/report/run-report.ts";
import { closeStore, importProblem, openStore, type Store, type StoreKind } from "../src/store/index.ts";
import type { Quality } from "../solver/solve-options.ts";
import { PRESETS, type PresetName } from "../fixtures/generate.ts";
import { freshDatabase, POSTGRES_URL } from "./fresh-database.ts";
import { cachedPreset } from "./preset-cache.ts";
import { publishRosters } from "./publish-rosters.ts";
import { writeResult } from "./results-file.ts";

const opts = new Command("bench:publish")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district")
  .option("--seed <n>", "generator and solver seed", parseNonNegativeInt, 1)
  .option("--quality <q>", "quick or full", oneOf(["quick", "full"] as const), DEFAULT_NIGHTLY_QUALITY)
  .option("--db <kind>", "sqlite or postgresql", oneOf(["sqlite", "postgresql"] as const), "postgresql")
  .option(
    "--threads <n>",
    "solver threads; the publish runs threads + 1 lanes",
    parsePositiveInt,
    os.availableParallelism(),
  )
  .option("--lanes <n>", "schools published at once (default: threads + 1, as runSchools)", parsePositiveInt)
  .option("--rounds <n>", "publishes to time", parsePositiveInt, 1)
  .parse()
  .opts<{
    preset: PresetName;
    seed: number;
    quality: Quality;
    db: StoreKind;
    threads: number;
    lanes?: number;
    rounds: number;
  }>();
const lanes = opts.lanes ?? opts.threads + 1;

const cacheDir = path.join(import.meta.dirname, "cache", `publish-${opts.preset}-${opts.seed}-${opts.quality}`);
const rostersFile = path.join(cacheDir, "rosters.jsonl");
/** The imported store every round copies: a file here, or a database kept on the PostgreSQL server. */
const templateFile = path.join(cacheDir, "imported.db");
const templateName = `mse_publish_${opts.preset}_${opts.seed}`.replace(/\W/g, "_");
const templateUrl = (() => {
  if (opts.db === "sqlite") return `file:${templateFile}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${templateName}`;
  return url.toString();
})();

interface Scheduled {
  roster: SchoolRoster;
  report: SchoolReport;
}

/** The district's rosters, scheduled once and kept one school a line (a single JSON text of them all is too long a string). */
async function scheduledRosters(): Promise<Scheduled[]> {
  if (!existsSync(rostersFile)) {
    const { problem } = await readProblem(await cachedPreset(opts.preset, opts.seed));
    console.log(`scheduling ${problem.schools.length} schools once (kept in ${rostersFile})`);
    const result = await runSchools(fromFiles(groupBySchool(problem)), poolExecutor({ threads: opts.threads }), {
      schedule: { seed: opts.seed, quality: opts.quality, loader: "solver" },
    });
    if (result.failures.length > 0) throw new Error(`${result.failures.length} school(s) failed`);
    await mkdir(cacheDir, { recursive: true });
    const lines = result.rosters.map((roster, i) => `${JSON.stringify({ roster, report: result.reports[i] })}\n`);
    await writeFile(`${rostersFile}.partial`, lines);
    await rename(`${rostersFile}.partial`, rostersFile);
  }
  const scheduled: Scheduled[] = [];
  for await (const line of createInterface({ input: createReadStream(rostersFile) }))
    scheduled.push(JSON.parse(line) as Scheduled);
  return scheduled;
}

async function templateExists(): Promise<boolean> {
  if (opts.db === "sqlite") return existsSync(templateFile);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [templateName])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Imports the district once into the template store that every round copies. */
async function ensureTemplate(): Promise<void> {
  if (await templateExists()) return;
  console.log(`importing ${opts.preset} once into ${templateUrl}`);
  const made = await freshDatabase(opts.db, "publish-import");
  const store = await openStore(made.url);
  try {
    const { problem } = await readProblem(await cachedPreset(opts.preset, opts.seed));
    await importProblem(store, problem);
  } finally {
    await closeStore(store);
  }
  if (opts.db === "sqlite") {
    await mkdir(cacheDir, { recursive: true });
    await copyFile(new URL(made.url).pathname, `${templateFile}.partial`);
    await rename(`${templateFile}.partial`, templateFile);
    await made.drop();
    return;
  }
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${new URL(made.url).pathname.slice(1)}" RENAME TO "${templateName}"`);
  } finally {
    await client.end();
  }
}

/** /proc's unit of CPU time: USER_HZ, 100 on Linux. */
const CLOCK_TICKS = 100;

/** CPU seconds the server processes of `database` have used so far (PostgreSQL on this machine; 0 elsewhere). */
async function serverCpuSeconds(store: Store, database: string): Promise<number> {
  if (store.kind !== "postgresql") return 0;
  const backends = await store.db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
    database,
  ]);
  let sum = 0;
  for (const { pid } of backends) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    sum += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }
  return sum;
}

/** The WAL the whole server has written and synced so far (PostgreSQL 14+). */
async function walStats(store: Store): Promise<{ bytes: number; syncs: number }> {
  if (store.kind !== "postgresql") return { bytes: 0, syncs: 0 };
  const [row] = await store.db.query<{ wal_bytes: string; wal_sync: string }>(
    `SELECT wal_bytes, wal_sync FROM pg_stat_wal`,
    [],
  );
  return { bytes: Number(row!.wal_bytes), syncs: Number(row!.wal_sync) };
}

/** SHA-256 of every school's live roster (sections, enrollments, unmet requests) read back, and the run table's state. */
async function liveRostersHash(store: Store): Promise<string> {
  const hash = createHash("sha256");
  const live = await store.db.queryArrays(`SELECT school_id, run_id FROM live_roster ORDER BY school_id`, []);
  for (const [schoolId, runId] of live) {
    hash.update(`school ${String(schoolId)}\n`);
    const queries = [
      `SELECT section_id, position, period, teacher_id, co_teacher_id, room_id FROM run_section WHERE run_id = $1 ORDER BY position`,
      `SELECT student_id, section_id FROM assignment WHERE run_id = $1 ORDER BY student_id, section_id`,
      `SELECT position, student_id, course_id, priority, reason FROM run_unscheduled WHERE run_id = $1 ORDER BY position`,
      `SELECT status, problem_version, seed, parameters, metrics FROM run WHERE id = $1`,
      `SELECT count(*) FROM publication WHERE run_id = $1 AND previous_run_id IS NULL`,
    ];
    for (const sql of queries)
      for (const row of await store.db.queryArrays(sql, [runId])) hash.update(`${JSON.stringify(row)}\n`);
  }
  const [counts] = await store.db.queryArrays(
    `SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM run_lease), (SELECT count(*) FROM publication), (SELECT count(*) FROM assignment)`,
    [],
  );
  hash.update(JSON.stringify(counts!.map(Number)));
  return hash.digest("hex");
}

const round = (x: number) => Number(x.toFixed(2));
const scheduled = await scheduledRosters();
await ensureTemplate();
const rosters = scheduled.map((s) => s.roster);
const reports = scheduled.map((s) => s.report);
const rounds = [];
for (let r = 0; r < opts.rounds; r++) {
  const copy = await freshDatabase(opts.db, "publish", templateUrl);
  const store = await openStore(copy.url);
  const database = new URL(copy.url).pathname.slice(1);
  try {
    const load = os.loadavg()[0]!;
    const [wal, server] = [await walStats(store), await serverCpuSeconds(store, database)];
    const cpu = process.cpuUsage();
    const started = performance.now();
    await publishRosters(store, rosters, reports, { seed: opts.seed, lanes });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const serverSeconds = (await serverCpuSeconds(store, database)) - server;
    const walAfter = await walStats(store);
    const figures = {
      seconds: round(seconds),
      cpuSeconds: round((used.user + used.system) / 1e6),
      serverCpuSeconds: round(serverSeconds),
      walMiB: Math.round((walAfter.bytes - wal.bytes) / 2 ** 20),
      walSyncs: walAfter.syncs - wal.syncs,
      loadAverage: round(load),
      rosters: await liveRostersHash(store),
    };
    rounds.push(figures);
    console.log(
      `publish ${figures.seconds.toFixed(2).padStart(6)} s  (CPU ${figures.cpuSeconds.toFixed(2)} s, server CPU ${figures.serverCpuSeconds.toFixed(2)} s, WAL ${figures.walMiB} MiB in ${figures.walSyncs} syncs, load ${figures.loadAverage.toFixed(1)}) rosters ${figures.rosters.slice(0, 16)}`,
    );
  } finally {
    await closeStore(store);
    await copy.drop();
  }
}
writeResult(`publish-${opts.preset}-${opts.db}`, {
  name: `publish-${opts.preset}-${opts.db}`,
  date: new Date().toISOString(),
  machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model, node: process.version },
  preset: opts.preset,
  seed: opts.seed,
  quality: opts.quality,
  db: opts.db,
  lanes,
  schools: rosters.length,
  enrollments: rosters.reduce((n, r) => n + r.enrollments.length, 0),
  rounds,
});
