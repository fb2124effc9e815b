/**
 * The queue's overhead: the same district (district-small by default) run against a PostgreSQL
 * store in-process on a 2-thread pool, then on the BullMQ queue with 2 local worker processes
 * of 1 thread each (started, and ready, before the clock starts).
 *   npx tsx benchmarks/pool-queue.ts [--preset district-small] [--workers 2]
 * Needs Redis (REDIS_URL) and PostgreSQL (DATABASE_URL_POSTGRES). Both runs solve with the
 * move cap only, so they do the same work. Timings are wall clock on whatever else the machine
 * is doing: repeat before trusting one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import pg from "pg";
import { generatePreset, generateProblem, type PresetName } from "../fixtures/generate.ts";
import { QUEUE_NAMES, queueSetup } from "../src/district/queue-setup.ts";
import type { SchoolJobData, SchoolJobResult } from "../src/district/queue-jobs.ts";
import { createSolvePool } from "../src/district/solve-pool.ts";
import { poolExecutor, queueExecutor } from "../src/district/executors.ts";
import { fromStore, runSchools } from "../src/district/run-schools.ts";
import type { ScheduleOptions } from "../src/run/schedule-school.ts";
import { importProblem, listSchoolIds, closeStore, openStore } from "../src/store/index.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const preset = arg("preset", "district-small") as PresetName;
const workerCount = Number(arg("workers", "2"));
const postgresUrl = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const options: ScheduleOptions = { seed: 1, quality: "quick", loader: "solver", timeLimitMs: 24 * 3600_000 };
const root = fileURLToPath(new URL("../", import.meta.url));

const admin = new pg.Client({ connectionString: postgresUrl });
await admin.connect();
const name = `mse_bench_queue_${process.pid}`;
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(postgresUrl);
url.pathname = `/${name}`;
const prefix = `mse-bench-${process.pid}`;
const setup = queueSetup(redisUrl, prefix);
const children: ChildProcess[] = [];
const store = await openStore(url.toString());
try {
  await importProblem(store, generateProblem(preset, 1));
  const ids = await listSchoolIds(store);
  console.log(`${preset}: ${ids.length} schools in PostgreSQL`);

  // Both sides start warm: pool threads up (as the queue's workers are before its clock starts).
  const pool = createSolvePool({ threads: workerCount });
  const tiny = generatePreset("tiny", 1);
  const executor = poolExecutor({ pool });
  await Promise.all(Array.from({ length: workerCount }, () => executor.solve(tiny, options)));
  let started = performance.now();
  const local = await runSchools(fromStore(store, ids), executor, { schedule: options });
  const localMs = performance.now() - started;
  await pool.destroy();
  console.log(`in-process, ${workerCount} threads: ${(localMs / 1000).toFixed(1)} s (${local.failures.length} failed)`);

  const ready = Array.from({ length: workerCount }, () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "worker",
        "--prefix",
        prefix,
        "--redis",
        redisUrl,
        "--db",
        url.toString(),
        "--threads",
        "1",
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(child);
    return new Promise<void>((resolve) =>
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("worker ready") && resolve()),
    );
  });
  await Promise.all(ready);

  started = performance.now();
  const enqueuedAt = Date.now();
  const queued = await runSchools(fromStore(store, ids), queueExecutor(setup), { schedule: options, attempts: 3 });
  const queueMs = performance.now() - started;
  console.log(
    `queue, ${workerCount} worker processes x 1 thread: ${(queueMs / 1000).toFixed(1)} s (${queued.failures.length} failed, ${queued.runs.length} done)`,
  );

  const schoolsQueue = new Queue<SchoolJobData, SchoolJobResult>(QUEUE_NAMES.schools, {
    connection: setup.connection,
    prefix,
  });
  const jobs = await schoolsQueue.getJobs(["completed"], 0, -1);
  await schoolsQueue.close();
  const firstStart = Math.min(...jobs.map((j) => j.processedOn!));
  const lastFinish = Math.max(...jobs.map((j) => j.finishedOn!));
  const inJobs = jobs.reduce((n, j) => n + (j.finishedOn! - j.processedOn!), 0);
  const busy = workerCount * (lastFinish - firstStart);
  console.log(
    `\nfrom enqueue to the first school started: ${firstStart - enqueuedAt} ms; last school finished to summary in hand: ${Math.round(enqueuedAt + queueMs - lastFinish)} ms`,
  );
  console.log(
    `worker time outside school jobs (queue hand-offs, and the wait for the last school): ${Math.round((busy - inJobs) / jobs.length)} ms per school on average`,
  );
  console.log(
    `queue - in-process: ${((queueMs - localMs) / 1000).toFixed(1)} s over ${ids.length} schools = ${Math.round((queueMs - localMs) / ids.length)} ms per school`,
  );
} finally {
  for (const child of children) child.kill("SIGTERM");
  await closeStore(store);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
