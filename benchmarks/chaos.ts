/**
 * The chaos run: `mse serve` (and, with a queue, `mse worker` beside it) as real processes on
 * a store of a few live schools, N clients
 * enrolling, changing and dropping late students and starting incremental runs (every write
 * with an Idempotency-Key, retried with the same key until it is answered), while the server
 * is killed with SIGKILL at random moments (after a random number, 1 to 6, of writes were
 * acknowledged since it came up: the other clients' requests are then in flight) and started
 * again; the worker is killed and started with it, so two processes recover the store at once. After the last kill the server
 * is killed once more, so that the checks see exactly what a restart leaves: every
 * acknowledged write is in the store (its last acknowledged state), every live roster passes
 * the independent validator and none is stale, no run lease, idempotency claim, running run or
 * unfinished job is left held, and every acknowledged job ID still answers.
 *
 *   npx tsx benchmarks/chaos.ts [--db sqlite|postgresql] [--kills 20] [--clients 8] [--seed 1] [--worker]
 *
 * Writes benchmarks/results/chaos-<db>.json. tests/chaos/kill-and-restart.test.ts runs a short
 * one on both databases.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import { generatePreset } from "../fixtures/generate.ts";
import { createRandom, type Random } from "../fixtures/random.ts";
import { renamedSchool } from "../fixtures/renamed-school.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";
import {
  closeStore,
  createApiToken,
  importProblem,
  liveRoster,
  listSchoolIds,
  readSchoolProblem,
  openStore,
  type Store,
  type StoreKind,
} from "../src/store/index.ts";
import { runSchool } from "../src/run/run-school.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { freshDatabase } from "./fresh-database.ts";
import { writeResult } from "./results-file.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ChaosOptions {
  /** The store: an empty database. */
  dbUrl: string;
  kills: number;
  clients: number;
  seed: number;
  /** A kill comes after a random number of writes, from 1 to this, were acknowledged by the server that is up. */
  writesBetweenKills: number;
  /** Also run `mse worker` on this queue (Redis URL and key prefix), killed with the server. */
  worker?: { redisUrl: string; prefix: string };
  log?: (line: string) => void;
}

export interface ChaosResult {
  kills: number;
  requests: number;
  /** Writes (enroll, change, drop, run) answered 2xx: each must be in the store. */
  writesAcknowledged: number;
  /** Requests cut by a kill and sent again with the same key. */
  retriedAfterKill: number;
  /** Acknowledged writes the store does not show. */
  lost: string[];
  rostersInvalid: number;
  staleAfterRestart: string[];
  stuck: { leases: number; runningRuns: number; claims: number; unfinishedJobs: number };
  jobsAcknowledged: number;
  /** Acknowledged jobs whose ID no longer answers. */
  jobsLost: string[];
  jobsInterrupted: number;
  /** Unexpected answers: "METHOD status code" → count. */
  unexpected: Record<string, number>;
  seconds: number;
}

interface Process {
  child: ChildProcess;
  /** What it printed when ready: the API's base URL for a server. */
  ready: string;
  /** Resolves with the start-up recovery line. */
  recovered: Promise<string>;
  exited: Promise<void>;
}

/** Starts `mse <args>`; resolves once it prints a line matching `ready` (with its first group). */
function startMse(args: string[], ready: RegExp): Promise<Process> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/mse.mjs"), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let out = "";
  let onRecovered: (line: string) => void = () => undefined;
  const recovered = new Promise<string>((resolve) => (onRecovered = resolve));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, ready: match[1] ?? match[0], recovered, exited });
      const recovery = /start-up recovery: .*/.exec(out);
      if (recovery) onRecovered(recovery[0]);
    });
    void exited.then(() => reject(new Error(`mse ${args[0]} exited before it was ready:\n${stderr}`)));
  });
}

/** `mse serve` on a free port, ready once it listens. */
const startServer = (dbUrl: string) =>
  startMse(["serve", "--port", "0", "--threads", "1", "--db", dbUrl], /mse API on (http:\/\/[^\s/]+)\/v1/);

/** `mse worker` on the queue, ready once connected. */
const startWorker = (dbUrl: string, queue: NonNullable<ChaosOptions["worker"]>) =>
  startMse(
    ["worker", "--redis", queue.redisUrl, "--prefix", queue.prefix, "--threads", "1", "--db", dbUrl],
    /worker ready/,
  );

/** Kills a process with SIGKILL and waits until it is gone. */
async function kill(process: Process | undefined): Promise<void> {
  if (!process) return;
  process.child.kill("SIGKILL");
  await process.exited;
}

/** A late student's body: a model student's grade and requests. */
function studentBody(
  problem: SchoolProblem,
  random: Random,
  place: boolean,
): { body: Record<string, unknown>; grade: number; courses: string[] } {
  const model = random.pick(problem.students);
  const requests = problem.requests
    .filter((r) => r.studentId === model.studentId && r.alternateFor === undefined)
    .map((r) => ({ courseId: r.courseId, priority: r.priority }));
  return {
    body: { grade: model.grade, familyName: random.pick(["O'Brien", "Nguyễn", "李"]), iep: false, requests, place },
    grade: model.grade,
    courses: requests.map((r) => r.courseId).sort(),
  };
}

/** What a client last had acknowledged for one of its students: there (with this grade and these courses) or dropped. */
type Expected =
  { schoolId: string; present: true; grade: number; courses: string[] } | { schoolId: string; present: false };

/** Runs the chaos and checks the store afterwards. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const schools = [1, 2, 3].map((i) => renamedSchool(generatePreset("tiny", options.seed + i), `CHAOS-${i}`, `C${i}-`));
  let store: Store = await openStore(options.dbUrl);
  await importProblem(store, joinSchools(schools));
  for (const s of schools)
    await runSchool(store, s.school.schoolId, { schedule: { seed: 1, quality: "quick", loader: "solver" } });
  const token = (await createApiToken(store, { name: "chaos: district", role: "district" })).token;
  await closeStore(store);

  const queue = options.worker;
  let [server, worker] = await Promise.all([startServer(options.dbUrl), queue && startWorker(options.dbUrl, queue)]);
  /** Resolves with the server that is up now (a new one after each kill). */
  let up: Promise<Process> = Promise.resolve(server);
  const expected = new Map<string, Expected>();
  const jobs: string[] = [];
  const unexpected: Record<string, number> = {};
  let requests = 0;
  let acknowledged = 0;
  let retried = 0;
  let stopping = false;
  /** Writes acknowledged by the server that is up, and the killer waiting for a number of them. */
  let sinceUp = 0;
  let killAt: { count: number; resolve: () => void } | undefined;
  const acknowledge = () => {
    acknowledged++;
    sinceUp++;
    if (killAt && sinceUp >= killAt.count) killAt.resolve();
  };

  /** Sends one request until it is answered: a kill cuts it, the same request goes to the next server with the same key. */
  const send = async (method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      const target = await up;
      requests++;
      try {
        const res = await fetch(target.ready + urlPath, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            "idempotency-key": key,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status === 409 && text.includes("idempotency_key_in_progress"))
          throw new Error(`a retried key is still held after the restart: ${text}`);
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        // The connection was cut: the server was killed. Wait for the next one.
        if (target === (await up)) await target.exited;
        retried++;
      }
    }
  };
  const note = (what: string) => (unexpected[what] = (unexpected[what] ?? 0) + 1);

  const client = async (index: number) => {
    const random = createRandom(options.seed * 100 + index);
    const own: string[] = [];
    let n = 0;
    while (!stopping) {
      const roll = random.next();
      const place = random.chance(0.8);
      if (roll < 0.4 || own.length === 0) {
        const problem = random.pick(schools);
        const studentId = `K${index}-${n++}`;
        const { body, grade, courses } = studentBody(problem, random, place);
        const reply = await send("PUT", `/v1/schools/${problem.school.schoolId}/students/${studentId}`, body);
        if (reply.status !== 201 && reply.status !== 200) note(`PUT ${reply.status} ${reply.body?.error?.code}`);
        else {
          acknowledge();
          own.push(studentId);
          expected.set(studentId, { schoolId: problem.school.schoolId, present: true, grade, courses });
        }
      } else if (roll < 0.6) {
        const studentId = random.pick(own);
        const was = expected.get(studentId)!;
        const { body, grade, courses } = studentBody(
          schools.find((s) => s.school.schoolId === was.schoolId)!,
          random,
          place,
        );
        const reply = await send("PUT", `/v1/schools/${was.schoolId}/students/${studentId}`, body);
        if (reply.status !== 200) note(`PUT (change) ${reply.status} ${reply.body?.error?.code}`);
        else {
          acknowledge();
          expected.set(studentId, { schoolId: was.schoolId, present: true, grade, courses });
        }
      } else if (roll < 0.85) {
        const studentId = own.splice(random.int(0, own.length - 1), 1)[0]!;
        const { schoolId } = expected.get(studentId)!;
        const reply = await send(
          "DELETE",
          `/v1/schools/${schoolId}/students/${studentId}${place ? "" : "?place=false"}`,
        );
        // 404 after a kill: the drop had committed before its answer was stored.
        if (reply.status === 200 || reply.status === 404) {
          acknowledge();
          expected.set(studentId, { schoolId, present: false });
        } else {
          note(`DELETE ${reply.status} ${reply.body?.error?.code}`);
          own.push(studentId);
        }
      } else {
        const problem = random.pick(schools);
        const reply = await send("POST", `/v1/schools/${problem.school.schoolId}/runs`, { kind: "incremental" });
        if (reply.status !== 202) note(`POST runs ${reply.status} ${reply.body?.error?.code}`);
        else {
          acknowledge();
          jobs.push(reply.body.job.jobId);
        }
      }
    }
  };

  const killer = async () => {
    const random = createRandom(options.seed * 7919);
    for (let k = 1; k <= options.kills; k++) {
      const count = random.int(1, options.writesBetweenKills);
      await new Promise<void>((resolve) => (killAt = { count, resolve }));
      killAt = undefined;
      const next = Promise.all([kill(server), kill(worker)]).then(() =>
        Promise.all([startServer(options.dbUrl), queue && startWorker(options.dbUrl, queue)]),
      );
      up = next.then(([s]) => s);
      [server, worker] = await next;
      sinceUp = 0;
      log(`kill ${k}/${options.kills}: ${requests} requests, ${acknowledged} writes acknowledged so far`);
    }
    stopping = true;
  };
  await Promise.all([killer(), ...Array.from({ length: options.clients }, (_, i) => client(i))]);

  // One more kill with nothing in flight but what the last writes left (place=false writes, runs),
  // then what a start-up makes of it.
  await Promise.all([kill(server), kill(worker)]);
  [server, worker] = await Promise.all([startServer(options.dbUrl), queue && startWorker(options.dbUrl, queue)]);
  for (const line of await Promise.all([server.recovered, ...(worker ? [worker.recovered] : [])])) log(line);
  const jobsLost: string[] = [];
  let jobsInterrupted = 0;
  for (const jobId of jobs) {
    const res = await fetch(`${server.ready}/v1/jobs/${encodeURIComponent(jobId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const job = (await res.json()) as { status?: string; error?: { code: string } };
    if (res.status !== 200 || (job.status !== "succeeded" && job.status !== "failed")) jobsLost.push(jobId);
    if (job.error?.code === "interrupted") jobsInterrupted++;
  }
  store = await openStore(options.dbUrl);
  try {
    const lost: string[] = [];
    const problems = new Map(
      await Promise.all(
        (await listSchoolIds(store)).map(async (id) => [id, await readSchoolProblem(store, id)] as const),
      ),
    );
    for (const [studentId, want] of expected) {
      const problem = problems.get(want.schoolId)!;
      const student = problem.students.find((s) => s.studentId === studentId);
      const courses = problem.requests
        .filter((r) => r.studentId === studentId)
        .map((r) => r.courseId)
        .sort();
      const ok = want.present
        ? student?.grade === want.grade && JSON.stringify(courses) === JSON.stringify(want.courses)
        : student === undefined;
      if (!ok) lost.push(studentId);
    }
    let rostersInvalid = 0;
    const staleAfterRestart: string[] = [];
    for (const [schoolId, problem] of problems) {
      const live = await liveRoster(store, schoolId);
      if (!live || validateRoster(joinSchools([problem]), [live.roster]).length > 0) rostersInvalid++;
      if (live?.stale) staleAfterRestart.push(schoolId);
    }
    const count = async (sql: string) => Number((await store.db.query<{ n: unknown }>(sql, []))[0]!.n);
    const stuck = {
      leases: await count(`SELECT COUNT(*) AS n FROM run_lease`),
      runningRuns: await count(`SELECT COUNT(*) AS n FROM run WHERE status = 'running'`),
      claims: await count(`SELECT COUNT(*) AS n FROM idempotent_request WHERE status IS NULL`),
      unfinishedJobs: await count(`SELECT COUNT(*) AS n FROM api_job WHERE status IN ('queued', 'running')`),
    };
    return {
      kills: options.kills + 1,
      requests,
      writesAcknowledged: acknowledged,
      retriedAfterKill: retried,
      lost,
      rostersInvalid,
      staleAfterRestart,
      stuck,
      jobsAcknowledged: jobs.length,
      jobsLost,
      jobsInterrupted,
      unexpected,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await closeStore(store);
    for (const p of [server, worker]) p?.child.kill("SIGINT");
    await Promise.all([server.exited, worker?.exited]);
  }
}

async function main(): Promise<void> {
  const opts = new Command("chaos")
    .option("--db <kind>", "sqlite or postgresql (a fresh database)", "sqlite")
    .option("--kills <n>", "SIGKILLs of the server", (v) => Number.parseInt(v, 10), 20)
    .option(
      "--writes-between-kills <n>",
      "a kill comes after 1 to N writes acknowledged since the server came up",
      (v) => Number.parseInt(v, 10),
      12,
    )
    .option("--clients <n>", "concurrent clients", (v) => Number.parseInt(v, 10), 8)
    .option("--seed <n>", "seed of the clients and kill moments", (v) => Number.parseInt(v, 10), 1)
    .option("--worker", "also run mse worker (Redis at REDIS_URL, else 127.0.0.1:6379), killed with the server")
    .parse()
    .opts<{
      db: StoreKind;
      kills: number;
      writesBetweenKills: number;
      clients: number;
      seed: number;
      worker?: boolean;
    }>();
  const database = await freshDatabase(opts.db, "chaos");
  try {
    const result = await runChaos({
      dbUrl: database.url,
      kills: opts.kills,
      clients: opts.clients,
      seed: opts.seed,
      writesBetweenKills: opts.writesBetweenKills,
      log: console.log,
      worker: opts.worker
        ? { redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: `mse-chaos-${process.pid}` }
        : undefined,
    });
    console.log(JSON.stringify(result, null, 2));
    const out = writeResult(`chaos-${opts.db}${opts.worker ? "-worker" : ""}`, {
      date: new Date().toISOString(),
      db: opts.db,
      options: opts,
      result,
    });
    console.log(`written ${path.relative(ROOT, out)}`);
  } finally {
    await database.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
