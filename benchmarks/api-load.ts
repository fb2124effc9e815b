/**
 * The HTTP API under load, on loopback: `mse serve` in a child process on a fresh SQLite store,
 * schools uploaded and run through the API itself, then N concurrent clients for a bounded time,
 * each looping: enroll a late student with an Idempotency-Key (sometimes retrying the same
 * request, sometimes sending it twice at once), read a roster, read one of its students, drop
 * one (each client keeps at most 8 late students enrolled, so the schools stay realistic). Afterwards, against the store: every acknowledged enrollment is there exactly once, every
 * acknowledged drop is gone, and every live roster passes the independent validator.
 *
 * Then (unless --no-busy) the same clients again while a district run and a full-quality run of
 * one school are going: the latencies of reads and writes then, and the longest stall of the
 * server's event loop (monitorEventLoopDelay in the server, read with SIGUSR2) in each phase,
 * and (on Linux, from /proc) the CPU the server's main thread and whole process used per request:
 * on a shared machine wall times follow the load, CPU times much less. A latency ends at the
 * answer's last byte, as sent (gzipped or not), before the client inflates or parses it.
 *
 * What changed with issue #16's read work (2026-12-06): the clients send with node:http
 * (bench-clients.ts) instead of node's fetch, which inflated every gzipped roster on the clients'
 * one thread, a 16 KB chunk per turn of its loop, and ended the latency with the body inflated: a
 * read's latency then held its wait behind the other 49 clients' work (39-92% of the slowest 5%
 * of reads' time outside the server at load 13-20), which no counselor's browser on another
 * machine adds. `--client fetch` still times that way and writes api-load-fetch.json, beside
 * api-load.json, so the two figures can be read side by side. The server's time is in both alike.
 * Each phase also reports the clients' own loop delay, CPU and TCP connections, and each side's
 * thread busy share (CPU over wall time), and the load average before and after.
 *
 *   npx tsx benchmarks/api-load.ts [--clients 50] [--seconds 120] [--schools 4] [--preset district-small|tiny] [--db sqlite|postgresql] [--no-busy] [--log-stalls MS] [--phases] [--client http|fetch]
 *
 * --phases (debugging): where the reads' time went, from the server's access lines (MSE_REQUEST_PHASES=1:
 * waiting for the store's connection, the handler, the audit write, the gzip, the send) matched to the
 * clients' latencies by request ID; what is left is outside the server's handling, split by both processes' stamps on the machine's
 * monotonic clock (see readPhasesOf): the client before sending, the way to the server's first middleware (its loop's queue), the way
 * back to the client's last byte, the client's inflating.
 *
 * Writes benchmarks/results/api-load.json, or api-load-postgresql.json, with -fetch for --client fetch (latency per route: count, p50, p90, p99, max, errors).
 * The clients share one process (and the machine's cores) with nothing else but each other; the
 * server has its own process, with one solver thread.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, Option } from "commander";
import { generatePreset, presetSchools } from "../fixtures/generate.ts";
import { renamedSchool } from "../fixtures/renamed-school.ts";
import { createRandom, type Random } from "../fixtures/random.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import type { SchoolProblem } from "../src/domain/problem.ts";
import { writeProblem } from "../src/io/interchange/write-problem.ts";
import {
  createApiToken,
  closeStore,
  liveRoster,
  readSchoolProblem,
  openStore,
  type StoreKind,
} from "../src/store/index.ts";
import { freshDatabase } from "./fresh-database.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { takeEventLoopDelay, watchEventLoop, type EventLoopDelay } from "../src/api/event-loop-watch.ts";
import { threadCpuSeconds } from "../src/run/thread-cpu.ts";
import { monotonicMs } from "../src/api/monotonic-clock.ts";
import {
  benchClient,
  type BenchAnswer,
  type BenchClient,
  type BenchRequest,
  type ClientKind,
  type ClientStamps,
} from "./bench-clients.ts";
import { writeResult } from "./results-file.ts";
import { SERVER_NICENESS } from "../src/api/server-niceness.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ApiLoadOptions {
  clients: number;
  /** How long the clients run (with `stepsPerClient`, the most they may take). */
  seconds: number;
  /**
   * Stop each client after this many steps (an enrollment, a read, a drop...) instead of at the
   * end of `seconds`: a spec then does the same work on a busy machine as on an idle one.
   */
  stepsPerClient?: number;
  schools: number;
  preset: "district-small" | "tiny";
  seed: number;
  /** Print progress and the table (default true). */
  verbose?: boolean;
  /** Write a CPU profile of the server process into this directory. */
  profileDir?: string;
  /** The store the server runs on: a fresh SQLite file (default) or a fresh PostgreSQL database. */
  db?: StoreKind;
  /** Also run the clients while a district run and a full-quality school run are going (default true). */
  busy?: boolean;
  /** Debugging: the server logs every stall of its thread this long, with what held it (mse serve --log-stalls); the result lists them. */
  logStallsMs?: number;
  /** Debugging: where the reads' time went (the server's access lines with MSE_REQUEST_PHASES=1, matched by request ID). */
  phases?: boolean;
  /**
   * How the clients send and time requests (bench-clients.ts): `http` (default), the latency to the
   * answer's last byte; `fetch`, the benchmark before issue #16's read work: to the body inflated on the clients' thread.
   */
  client?: ClientKind;
}

/** Where a read's time went, in ms: outside the server (the loop's queue before the request was read, the network), then its phases. */
export type ReadPhases = Record<string, number>;

/** A stall of the server's thread (mse serve --log-stalls), as logged: what was on the stack (ms inclusive, ms self). */
export interface LoggedStall {
  ms: number;
  /** The server thread's own CPU time in the stall (the rest it waited for a core, or for the disk). */
  cpuMs?: number;
  at: string;
  inclusive: string[];
  self: string[];
}

/** Latencies of the reads (GET roster, student, report) and the writes (PUT and DELETE student) of a phase. */
export interface PhaseFigures {
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  reads: LatencySummary;
  writes: LatencySummary;
  /** The server's event loop over the phase (the longest stall is maxMs), and its CPU. */
  eventLoop?: ServerPhase;
  /**
   * The clients' own event loop over the phase (the benchmark's process: its delays are in every
   * latency measured, and no counselor's browser on another machine adds them) and CPU.
   */
  clientLoop?: ClientLoop;
  /** The clients' CPU per request of the phase (ms): their thread's, their process's (gunzip on libuv's threads included). */
  clientCpuMsPerRequest?: { mainThread?: number; process: number };
  /**
   * The share of the phase the server's main thread was on a CPU (its CPU over the phase's wall
   * time, = CPU per request x requests per second): a request arriving meanwhile waits its turn.
   */
  serverThreadBusyShare?: number;
  /**
   * The share of the phase the server's main thread waited, runnable, for a CPU the machine's
   * other work held (a request arriving then waits too, however idle the loop).
   */
  serverThreadWaitShare?: number;
  /** The same share for the clients' one thread. */
  clientThreadBusyShare?: number;
  /** The server's CPU per request of the phase (ms): its main thread's, its whole process's. */
  cpuMsPerRequest?: { mainThread: number; process: number };
  /**
   * The CPU of the server's placement threads (the pool of late students' incremental runs and
   * the roster-check pool: the threads at SERVER_NICENESS.placements) per write of the phase (ms).
   */
  placementCpuMsPerWrite?: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Answers other than the ones the route is expected to give. */
  errors: number;
}

export interface ApiLoadResult {
  generatedAt: string;
  options: ApiLoadOptions;
  /** The machine, with its load average (1 minute) when the load began and ended: wall times follow it. */
  machine: { cores: number; node: string; loadAverage: { before: number; after: number } };
  schools: { schoolId: string; students: number }[];
  setup: { uploadMs: number; districtRunMs: number };
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  routes: Record<string, LatencySummary>;
  /** The clients alone (steady), then while a district run and a full-quality school run go (busy). */
  phases: {
    steady: PhaseFigures;
    busy?: PhaseFigures & { districtRunMs: number; schoolRunMs: number; busyRoutes: Record<string, LatencySummary> };
  };
  /** Unexpected answers: "route status" -> count. */
  errors: Record<string, number>;
  placements: Record<string, number>;
  /** Lines the server logged at level error. */
  serverErrors: number;
  /** Requests the clients sent again on a new connection, the server having closed their kept-alive one (bench-clients.ts). */
  requestsResent: number;
  /** With logStallsMs: the longest stalls, longest first. */
  stalls?: LoggedStall[];
  /** With logStallsMs: the stalls in which the server's thread itself used the most CPU, most first (the server's own work, whatever the machine's load). */
  stallsByCpu?: LoggedStall[];
  /** With phases: the mean phases of all reads and of the slowest 5%, per phase of the load. */
  readPhases?: Record<string, { all: ReadPhases; slowest: ReadPhases }>;
  checks: {
    acknowledgedEnrollments: number;
    acknowledgedDrops: number;
    lost: string[];
    duplicated: string[];
    /** Dropped students still in the store. */
    resurrected: string[];
    /** Late students in the store no answer acknowledged (a request cut off mid-flight): not an error. */
    unacknowledged: number;
    rosterViolations: number;
    /** Acknowledged students without any seat in the live roster (deferred placements). */
    unseated: number;
  };
}

/** The preset's schools to load: a mix of kinds for district-small, renamed copies of tiny. */
function chooseSchools(options: ApiLoadOptions): SchoolProblem[] {
  if (options.preset === "tiny") {
    return Array.from({ length: options.schools }, (_, i) =>
      renamedSchool(generatePreset("tiny", options.seed + i), `TINY-${i + 1}`, `T${i + 1}-`),
    );
  }
  const byKind = new Map<string, SchoolProblem[]>();
  for (const school of presetSchools("district-small", options.seed)) {
    byKind.set(school.school.kind, [...(byKind.get(school.school.kind) ?? []), school]);
  }
  // Round-robin over the kinds (elementary, middle, high, span...), smallest of each kind first.
  const queues = [...byKind.values()].map((list) => [...list].sort((a, b) => a.students.length - b.students.length));
  const chosen: SchoolProblem[] = [];
  while (chosen.length < options.schools && queues.some((q) => q.length > 0)) {
    for (const q of queues) if (q.length > 0 && chosen.length < options.schools) chosen.push(q.shift()!);
  }
  return chosen;
}

/** A school's interchange files as the upload body takes them. */
function filesOf(problem: SchoolProblem, dir: string): Promise<Record<string, string>> {
  const at = mkdtempSync(path.join(dir, "files-"));
  return writeProblem(at, joinSchools([problem])).then(() => {
    const files = Object.fromEntries(readdirSync(at).map((name) => [name, readFileSync(path.join(at, name), "utf8")]));
    rmSync(at, { recursive: true, force: true });
    return files;
  });
}

/** Starts `mse serve` on a free loopback port; resolves with its base URL once it listens. */
function startServer(
  dbUrl: string,
  serverErrors: { count: number },
  profileDir?: string,
  stalls?: { thresholdMs: number; seen: LoggedStall[] },
  phases?: Map<string, ServerPhases>,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const logStalls = stalls ? ["--log-stalls", String(stalls.thresholdMs)] : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      path.join(ROOT, "bin/mse.mjs"),
      "serve",
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--threads",
      "1",
      "--db",
      dbUrl,
      ...logStalls,
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: phases ? { ...process.env, MSE_REQUEST_PHASES: "1" } : process.env,
    },
  );
  let stderrTail = "";
  let partial = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (stalls || phases) {
      const lines = (partial + text).split("\n");
      partial = lines.pop()!;
      for (const line of lines)
        if (stalls && line.includes('"event loop stall"')) {
          const { ms, cpuMs, at, inclusive, self } = JSON.parse(line) as LoggedStall;
          stalls.seen.push({ ms, cpuMs, at, inclusive, self });
        } else if (phases && line.includes('"phases"')) {
          const entry = JSON.parse(line) as { requestId: string } & ServerPhases;
          phases.set(entry.requestId, { ms: entry.ms, phases: entry.phases, clock: entry.clock });
        }
    }
    // pino writes levels as numbers: 50 is error, 60 fatal.
    serverErrors.count += (text.match(/"level":(?:50|60|"error"|"fatal")\b/g) ?? []).length;
    stderrTail = (stderrTail + text).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /mse API on (http:\/\/[^\s/]+)\/v1/.exec(out);
      if (match) resolve({ child, baseUrl: match[1]! });
    });
    child.once("exit", (code) => reject(new Error(`mse serve exited (${code}) before listening:\n${stderrTail}`)));
  });
}

/** Stops the server as Ctrl-C would (it finishes what is under way), and waits for it. */
function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A request's handling as the server's access line tells it (MSE_REQUEST_PHASES=1): its ms, phases and monotonic clock stamps. */
interface ServerPhases {
  ms: number;
  phases: Record<string, number>;
  clock?: { arrivedMs: number; finishedMs: number };
}

interface Recorder {
  latencies: Map<string, number[]>;
  /** With phases: each request's route, latency, request ID and the client's stamps of its way. */
  samples?: { route: string; ms: number; requestId: string; stamps?: ClientStamps }[];
  /** The clients' own event loop and CPU (their process's and their thread's) over the phase. */
  clientLoop?: ClientLoop;
  /** How the clients send and time their requests. */
  client: BenchClient;
  errors: Map<string, number>;
  routeErrors: Map<string, number>;
  placements: Map<string, number>;
}

/** One HTTP call, timed and recorded under `route`; `expected` statuses are not errors. */
async function timed(
  rec: Recorder,
  route: string,
  expected: number[],
  url: string,
  init: BenchRequest,
): Promise<{ status: number; body: any; header(name: string): string | undefined }> {
  const stamps: ClientStamps | undefined = rec.samples ? { start: monotonicMs() } : undefined;
  const started = performance.now();
  let answer: BenchAnswer | undefined;
  try {
    answer = await rec.client.send(url, init, stamps);
  } catch {
    answer = undefined;
  }
  // The latency ends when the whole answer is in (see bench-clients.ts for each client's "in").
  // Parsing it is the client's own work, done only when the client reads it (never for a roster):
  // 50 clients parsing megabyte rosters on one thread delayed each other's timings by the parse.
  const ms = performance.now() - started;
  const status = answer?.status ?? 0;
  let latencies = rec.latencies.get(route);
  if (!latencies) rec.latencies.set(route, (latencies = []));
  latencies.push(ms);
  rec.samples?.push({ route, ms, requestId: answer?.header("x-request-id") ?? "", stamps });
  if (!expected.includes(status)) {
    rec.errors.set(`${route} ${status}`, (rec.errors.get(`${route} ${status}`) ?? 0) + 1);
    rec.routeErrors.set(route, (rec.routeErrors.get(route) ?? 0) + 1);
  }
  let parsed: { body: any } | undefined;
  return {
    status,
    header: (name) => answer?.header(name),
    get body() {
      if (!parsed) {
        const text = answer?.text();
        parsed = { body: text ? JSON.parse(text) : undefined };
      }
      return parsed.body;
    },
  };
}

/** The enrollment body of a newcomer modelled on an existing student (same grade and requests). */
function enrollmentBody(problem: SchoolProblem, random: Random): Record<string, unknown> {
  const model = random.pick(problem.students);
  const requests = problem.requests
    .filter((r) => r.studentId === model.studentId)
    .map((r) => ({
      courseId: r.courseId,
      priority: r.priority,
      ...(r.alternateFor ? { alternateFor: r.alternateFor } : {}),
      ...(r.requiredSetting ? { requiredSetting: r.requiredSetting } : {}),
      ...(r.lockedSectionId ? { lockedSectionId: r.lockedSectionId } : {}),
    }));
  return {
    grade: model.grade,
    givenName: "Late",
    familyName: random.pick(["O'Brien", "Nguyễn", "李", "García-Núñez", "D'Angelo"]),
    iep: model.iep,
    requests,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Late students a client keeps enrolled at once: 50 clients add at most 400 to the schools. */
const MAX_OWN = 8;

/** Runs the whole load: setup through the API, the clients, then the checks against the store. */
export async function runApiLoad(options: ApiLoadOptions): Promise<ApiLoadResult> {
  const say = (line: string) => options.verbose !== false && console.log(line);
  const dir = mkdtempSync(path.join(tmpdir(), "mse-api-load-"));
  const database = await freshDatabase(options.db ?? "sqlite", "api_load");
  const dbUrl = database.url;
  const schools = chooseSchools(options);
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  const setupStore = await openStore(dbUrl);
  const district = (await createApiToken(setupStore, { name: "load: district", role: "district" })).token;
  const counselors = new Map<string, string>();
  for (const s of schools)
    counselors.set(
      s.school.schoolId,
      (
        await createApiToken(setupStore, {
          name: `load: counselor ${s.school.schoolId}`,
          role: "counselor",
          schools: [s.school.schoolId],
        })
      ).token,
    );
  await closeStore(setupStore);

  const serverErrors = { count: 0 };
  const stalls = options.logStallsMs ? { thresholdMs: options.logStallsMs, seen: [] as LoggedStall[] } : undefined;
  const serverPhases = options.phases ? new Map<string, ServerPhases>() : undefined;
  const client = benchClient(options.client ?? "http");
  const { child, baseUrl } = await startServer(dbUrl, serverErrors, options.profileDir, stalls, serverPhases);
  const recorder = (): Recorder => ({
    latencies: new Map(),
    errors: new Map(),
    routeErrors: new Map(),
    placements: new Map(),
    client,
    ...(options.phases ? { samples: [] } : {}),
  });
  const rec = recorder();
  const busyRec = recorder();
  let steadyLoop: ServerPhase | undefined;
  let busy: { durationS: number; districtRunMs: number; schoolRunMs: number; eventLoop?: ServerPhase } | undefined;
  const acknowledged = new Map<string, string>(); // studentId -> schoolId
  const dropped = new Map<string, string>();
  let started: number;
  let finished: number;
  const setup = { uploadMs: 0, districtRunMs: 0 };
  try {
    const json = (token: string, body?: unknown, key?: string): BenchRequest => ({
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const schoolUrl = (schoolId: string, rest: string) =>
      `${baseUrl}/v1/schools/${encodeURIComponent(schoolId)}${rest}`;

    let clock = performance.now();
    for (const s of schools) {
      const reply = await timed(rec, "PUT problem", [201], schoolUrl(s.school.schoolId, "/problem"), {
        method: "PUT",
        ...json(district, { files: await filesOf(s, dir) }),
      });
      if (reply.status !== 201)
        throw new Error(`upload of ${s.school.schoolId}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    setup.uploadMs = performance.now() - clock;
    clock = performance.now();
    const run = await timed(rec, "POST district run", [202], `${baseUrl}/v1/district/runs`, {
      method: "POST",
      ...json(district, { seed: options.seed }),
    });
    for (;;) {
      const job = await timed(rec, "GET job", [200], `${baseUrl}${run.body.location}`, { ...json(district) });
      if (job.body?.status === "failed") throw new Error(`district run failed: ${JSON.stringify(job.body.error)}`);
      if (job.body?.status === "succeeded") {
        if (job.body.result.failures.length)
          throw new Error(`district run: ${JSON.stringify(job.body.result.failures)}`);
        break;
      }
      await sleep(200);
    }
    setup.districtRunMs = performance.now() - clock;
    say(
      `${schools.length} school(s) uploaded in ${(setup.uploadMs / 1000).toFixed(1)} s and run through the API in ${(setup.districtRunMs / 1000).toFixed(1)} s; ${options.clients} clients for ${options.seconds} s`,
    );

    /** One client: steps until `done` says so (or its steps are spent), recording into `rec`. */
    const client = async (index: number, rec: Recorder, done: () => boolean, phase: string) => {
      const random = createRandom(options.seed * 1000 + index + (phase === "busy" ? 500 : 0));
      const own: { studentId: string; schoolId: string }[] = [];
      let n = 0;
      const enroll = async (problem: SchoolProblem) => {
        const schoolId = problem.school.schoolId;
        const token = counselors.get(schoolId)!;
        const studentId = `LATE-${phase === "busy" ? "B" : ""}${index}-${n++}`;
        const init = { method: "PUT", ...json(token, enrollmentBody(problem, random), randomUUID()) };
        const url = schoolUrl(schoolId, `/students/${encodeURIComponent(studentId)}`);
        // Sometimes the same request twice at once (a client that timed out and resent): one does the work.
        const twice = random.chance(0.1);
        const replies = await Promise.all(
          (twice ? [0, 1] : [0]).map(() => timed(rec, "PUT student", twice ? [201, 409] : [201], url, init)),
        );
        let first =
          replies.find((r) => r.status === 201 && r.header("idempotent-replayed") !== "true") ??
          replies.find((r) => r.status === 201);
        const giveUp = performance.now() + 30_000;
        while (!first && replies.some((r) => r.status === 409) && performance.now() < giveUp) {
          await sleep(50);
          const again = await timed(rec, "PUT student (retry)", [201, 409], url, init);
          if (again.status === 201) first = again;
        }
        if (!first) return;
        acknowledged.set(studentId, schoolId);
        own.push({ studentId, schoolId });
        rec.placements.set(first.body.placement.status, (rec.placements.get(first.body.placement.status) ?? 0) + 1);
        if (random.chance(0.2)) {
          const retry = await timed(rec, "PUT student (retry)", [201], url, init);
          if (retry.status === 201 && JSON.stringify(retry.body) !== JSON.stringify(first.body)) {
            rec.errors.set(
              "PUT student (retry) different answer",
              (rec.errors.get("PUT student (retry) different answer") ?? 0) + 1,
            );
          }
        }
      };
      for (let step = 0; !done() && step < (options.stepsPerClient ?? Infinity); step++) {
        const problem = random.pick(schools);
        const schoolId = problem.school.schoolId;
        const token = counselors.get(schoolId)!;
        const roll = random.next();
        // Each client keeps at most a few late students of its own (it drops one before enrolling more), so the
        // schools grow by a realistic share of late students however long the run, instead of filling up.
        const full = own.length >= MAX_OWN;
        if (roll < 0.45 && !full) await enroll(problem);
        else if (roll >= 0.45 && roll < 0.85)
          await timed(rec, "GET roster", [200], schoolUrl(schoolId, "/roster"), json(token));
        else if ((full || roll < 0.93) && own.length > 0) {
          const leaver = own.splice(random.int(0, own.length - 1), 1)[0]!;
          const reply = await timed(
            rec,
            "DELETE student",
            [200],
            schoolUrl(leaver.schoolId, `/students/${encodeURIComponent(leaver.studentId)}`),
            { method: "DELETE", ...json(counselors.get(leaver.schoolId)!, undefined, randomUUID()) },
          );
          if (reply.status === 200) {
            acknowledged.delete(leaver.studentId);
            dropped.set(leaver.studentId, leaver.schoolId);
          } else own.push(leaver);
        } else if (own.length > 0) {
          const one = random.pick(own);
          await timed(
            rec,
            "GET student",
            [200],
            schoolUrl(one.schoolId, `/students/${encodeURIComponent(one.studentId)}`),
            json(counselors.get(one.schoolId)!),
          );
        } else await timed(rec, "GET report", [200], schoolUrl(schoolId, "/report"), json(token));
      }
    };
    /** Runs every client until `done`, printing progress; resolves when they have all stopped. */
    const runClients = async (rec: Recorder, done: () => boolean, phase: string) => {
      const from = performance.now();
      const loop = watchEventLoop();
      const cpuFrom = { process: process.cpuUsage(), mainThread: threadCpuSeconds() };
      const connectionsFrom = rec.client.connections();
      let lastTick = from;
      const ticker = setInterval(() => {
        const count = [...rec.latencies.values()].reduce((a, l) => a + l.length, 0);
        if (performance.now() - lastTick > 9000) {
          lastTick = performance.now();
          say(
            `  ${phase} ${((performance.now() - from) / 1000).toFixed(0)} s: ${count} requests, ${acknowledged.size} students enrolled and kept`,
          );
        }
      }, 1000);
      await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i, rec, done, phase)));
      clearInterval(ticker);
      const cpu = process.cpuUsage(cpuFrom.process);
      const mainThread = threadCpuSeconds();
      rec.clientLoop = {
        ...takeEventLoopDelay(loop),
        connectionsOpened: rec.client.connections() - connectionsFrom,
        cpuMs: {
          process: Math.round((cpu.user + cpu.system) / 1000),
          ...(mainThread !== undefined && cpuFrom.mainThread !== undefined
            ? { mainThread: Math.round((mainThread - cpuFrom.mainThread) * 1000) }
            : {}),
        },
      };
      loop.disable();
    };

    await serverLoop(child);
    started = performance.now();
    const deadline = started + options.seconds * 1000;
    await runClients(rec, () => performance.now() >= deadline, "steady");
    finished = performance.now();
    steadyLoop = await serverLoop(child);

    if (options.busy !== false) {
      // The same clients while a district run and a full-quality run of the largest school go.
      const largest = [...schools].sort((a, b) => b.students.length - a.students.length)[0]!.school.schoolId;
      const busyFrom = performance.now();
      const districtRun = await timed(busyRec, "POST district run", [202], `${baseUrl}/v1/district/runs`, {
        method: "POST",
        ...json(district, { seed: options.seed + 1 }),
      });
      const schoolRun = await timed(busyRec, "POST school run", [202], schoolUrl(largest, "/runs"), {
        method: "POST",
        ...json(district, { kind: "full", quality: "full", seed: options.seed }),
      });
      if (districtRun.status !== 202 || schoolRun.status !== 202)
        throw new Error(`busy phase: runs not started (${districtRun.status}, ${schoolRun.status})`);
      const finishedAt = { district: 0, school: 0 };
      const follow = async (location: string, which: "district" | "school") => {
        for (;;) {
          const job = await timed(busyRec, "GET job", [200], `${baseUrl}${location}`, json(district));
          if (job.body?.status === "failed")
            throw new Error(`busy phase: ${which} run failed: ${JSON.stringify(job.body.error)}`);
          if (job.body?.status === "succeeded") break;
          await sleep(200);
        }
        finishedAt[which] = performance.now() - busyFrom;
      };
      let runsDone = false;
      const runs = Promise.all([
        follow(districtRun.body.location, "district"),
        follow(schoolRun.body.location, "school"),
      ]).finally(() => (runsDone = true));
      const busyStarted = performance.now();
      // At least the steady phase's length, and until both runs have finished.
      await runClients(busyRec, () => runsDone && performance.now() >= busyStarted + options.seconds * 1000, "busy");
      await runs;
      busy = {
        durationS: (performance.now() - busyStarted) / 1000,
        districtRunMs: finishedAt.district,
        schoolRunMs: finishedAt.school,
        eventLoop: await serverLoop(child),
      };
      say(
        `busy phase: district run ${(finishedAt.district / 1000).toFixed(1)} s, full-quality run of ${largest} ${(finishedAt.school / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    client.close();
    await stopServer(child);
  }

  // The checks, against the store itself.
  const store = await openStore(dbUrl);
  const lost: string[] = [];
  const duplicated: string[] = [];
  const resurrected: string[] = [];
  let unacknowledged = 0;
  let rosterViolations = 0;
  let unseated = 0;
  const present = new Map<string, number>();
  try {
    for (const s of schools) {
      const problem = await readSchoolProblem(store, s.school.schoolId);
      for (const student of problem.students) present.set(student.studentId, (present.get(student.studentId) ?? 0) + 1);
      const live = await liveRoster(store, s.school.schoolId);
      if (!live) throw new Error(`${s.school.schoolId} has no live roster`);
      const violations = validateRoster(joinSchools([problem]), [live.roster]);
      rosterViolations += violations.length;
      const seated = new Set(live.roster.enrollments.map((e) => e.studentId));
      for (const [id, schoolId] of acknowledged) if (schoolId === s.school.schoolId && !seated.has(id)) unseated++;
      for (const student of problem.students) {
        if (
          student.studentId.startsWith("LATE-") &&
          !acknowledged.has(student.studentId) &&
          !dropped.has(student.studentId)
        )
          unacknowledged++;
      }
    }
    for (const id of acknowledged.keys()) {
      const n = present.get(id) ?? 0;
      if (n === 0) lost.push(id);
      if (n > 1) duplicated.push(id);
    }
    for (const id of dropped.keys()) if (present.has(id)) resurrected.push(id);
  } finally {
    await closeStore(store);
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }

  const routes = summarize(rec);
  const requests = Object.entries(routes)
    .filter(([route]) => !SETUP_ROUTES.includes(route))
    .reduce((n, [, r]) => n + r.count, 0);
  const durationS = (finished - started) / 1000;
  const steady = phaseFigures(rec, durationS, steadyLoop);
  const busyRoutes = summarize(busyRec);
  return {
    generatedAt: new Date().toISOString(),
    options,
    machine: {
      cores: availableParallelism(),
      node: process.version,
      loadAverage: { before: loadBefore, after: Math.round(loadavg()[0]! * 100) / 100 },
    },
    schools: schools.map((s) => ({ schoolId: s.school.schoolId, students: s.students.length })),
    setup: { uploadMs: Math.round(setup.uploadMs), districtRunMs: Math.round(setup.districtRunMs) },
    durationS: Math.round(durationS * 10) / 10,
    requests,
    requestsPerSecond: Math.round((requests / durationS) * 10) / 10,
    routes,
    phases: {
      steady,
      ...(busy
        ? {
            busy: {
              ...phaseFigures(busyRec, busy.durationS, busy.eventLoop),
              districtRunMs: Math.round(busy.districtRunMs),
              schoolRunMs: Math.round(busy.schoolRunMs),
              busyRoutes,
            },
          }
        : {}),
    },
    errors: Object.fromEntries([...rec.errors, ...[...busyRec.errors].map(([k, v]) => [`busy: ${k}`, v] as const)]),
    placements: Object.fromEntries(rec.placements),
    serverErrors: serverErrors.count,
    requestsResent: client.resent(),
    ...(stalls
      ? {
          stalls: [...stalls.seen].sort((a, b) => b.ms - a.ms).slice(0, 50),
          stallsByCpu: [...stalls.seen].sort((a, b) => (b.cpuMs ?? 0) - (a.cpuMs ?? 0)).slice(0, 50),
        }
      : {}),
    ...(serverPhases
      ? { readPhases: { steady: readPhasesOf(rec, serverPhases), busy: readPhasesOf(busyRec, serverPhases) } }
      : {}),
    checks: {
      acknowledgedEnrollments: acknowledged.size + dropped.size,
      acknowledgedDrops: dropped.size,
      lost,
      duplicated,
      resurrected,
      unacknowledged,
      rosterViolations,
      unseated,
    },
  };
}

/** Requests of the setup and of following runs: not part of the clients' load. */
const SETUP_ROUTES = ["PUT problem", "POST district run", "POST school run", "GET job"];
const READS = ["GET roster", "GET student", "GET report"];
const WRITES = ["PUT student", "PUT student (retry)", "DELETE student"];

/**
 * The mean phases of the reads recorded, all of them and the slowest 5%. The time outside the
 * server's handling is split by the client's stamps and the server's on the shared monotonic
 * clock: clientBeforeSendMs (the request handed to the client until it is written: the client's own loop),
 * toServerMs (written until the server's first middleware runs: the kernel, the server's accept
 * and its loop's queue, the header parse), toClientMs (the server's 'finish' until the client read
 * the last byte: the kernel, the client's loop), clientInflateMs (the last byte until the body is
 * in hand: fetch's gunzip and decoding, on the client; 0 with node:http, which hands the bytes over as they came).
 */
function readPhasesOf(rec: Recorder, server: Map<string, ServerPhases>): { all: ReadPhases; slowest: ReadPhases } {
  const reads = (rec.samples ?? [])
    .filter((s) => READS.includes(s.route) && server.has(s.requestId))
    .sort((a, b) => a.ms - b.ms);
  const mean = (samples: typeof reads): ReadPhases => {
    const sum: ReadPhases = {};
    for (const s of samples) {
      const { ms, phases, clock } = server.get(s.requestId)!;
      const parts: ReadPhases = {
        latencyMs: s.ms,
        outsideServerMs: s.ms - ms,
        ...outsideParts(s.stamps, clock),
        ...phases,
      };
      for (const [k, v] of Object.entries(parts)) sum[k] = (sum[k] ?? 0) + v;
    }
    return Object.fromEntries(
      Object.entries(sum).map(([k, v]) => [k, Math.round((v / Math.max(1, samples.length)) * 10) / 10]),
    );
  };
  return { all: mean(reads), slowest: mean(reads.slice(Math.floor(reads.length * 0.95))) };
}

/** The time outside the server's handling, split by the client's stamps and the server's (see readPhasesOf); {} without them. */
function outsideParts(stamps: ClientStamps | undefined, clock: ServerPhases["clock"]): ReadPhases {
  if (!stamps || !clock || stamps.sent === undefined || stamps.lastByte === undefined || stamps.done === undefined)
    return {};
  return {
    clientBeforeSendMs: stamps.sent - stamps.start,
    toServerMs: clock.arrivedMs - stamps.sent,
    toClientMs: stamps.lastByte - clock.finishedMs,
    clientInflateMs: stamps.done - stamps.lastByte,
  };
}

/** Count, percentiles and errors of a list of latencies. */
function latencySummary(values: number[], errors: number): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
    errors,
  };
}

/** Each route's summary. */
function summarize(rec: Recorder): Record<string, LatencySummary> {
  return Object.fromEntries(
    [...rec.latencies].map(([route, values]) => [route, latencySummary(values, rec.routeErrors.get(route) ?? 0)]),
  );
}

/** A phase's reads and writes, all routes of each kind together. */
function phaseFigures(rec: Recorder, durationS: number, eventLoop: ServerPhase | undefined): PhaseFigures {
  const of = (routes: string[]) =>
    latencySummary(
      routes.flatMap((r) => rec.latencies.get(r) ?? []),
      routes.reduce((n, r) => n + (rec.routeErrors.get(r) ?? 0), 0),
    );
  const reads = of(READS);
  const writes = of(WRITES);
  const share = (cpuMs: number) => Math.round((cpuMs / (durationS * 1000)) * 100) / 100;
  const requests = reads.count + writes.count;
  return {
    durationS: Math.round(durationS * 10) / 10,
    requests,
    requestsPerSecond: Math.round((requests / durationS) * 10) / 10,
    reads,
    writes,
    ...(eventLoop ? { eventLoop } : {}),
    ...(eventLoop?.cpuMs ? { serverThreadBusyShare: share(eventLoop.cpuMs.mainThread) } : {}),
    ...(eventLoop?.cpuMs?.mainThreadRunQueueWait !== undefined
      ? { serverThreadWaitShare: share(eventLoop.cpuMs.mainThreadRunQueueWait) }
      : {}),
    ...(rec.clientLoop?.cpuMs.mainThread !== undefined
      ? { clientThreadBusyShare: share(rec.clientLoop.cpuMs.mainThread) }
      : {}),
    ...(rec.clientLoop && requests > 0
      ? {
          clientLoop: rec.clientLoop,
          clientCpuMsPerRequest: {
            ...(rec.clientLoop.cpuMs.mainThread !== undefined
              ? { mainThread: Math.round((rec.clientLoop.cpuMs.mainThread / requests) * 100) / 100 }
              : {}),
            process: Math.round((rec.clientLoop.cpuMs.process / requests) * 100) / 100,
          },
        }
      : {}),
    ...(eventLoop?.cpuMs && requests > 0
      ? {
          cpuMsPerRequest: {
            mainThread: Math.round((eventLoop.cpuMs.mainThread / requests) * 100) / 100,
            process: Math.round((eventLoop.cpuMs.process / requests) * 100) / 100,
          },
        }
      : {}),
    ...(eventLoop?.cpuMs?.placements !== undefined && writes.count > 0
      ? { placementCpuMsPerWrite: Math.round((eventLoop.cpuMs.placements / writes.count) * 100) / 100 }
      : {}),
  };
}

/** The benchmark's clients' own event loop over a phase, their CPU (ms: their process's, their one thread's) and connections. */
export type ClientLoop = EventLoopDelay & {
  cpuMs: { process: number; mainThread?: number };
  /** TCP connections the clients opened over the phase (every other request went on a kept-alive one). */
  connectionsOpened: number;
};

/** The server's event loop and CPU over a phase. */
export type ServerPhase = EventLoopDelay & {
  /**
   * CPU time of the server's main thread (the one that answers requests), of its whole process,
   * and of its threads at the placements' OS priority (the placement and roster-check pools), in ms;
   * and how long the main thread waited, runnable, for a CPU (Linux schedstat).
   */
  cpuMs?: { mainThread: number; process: number; placements?: number; mainThreadRunQueueWait?: number };
};

/** Fields of a Linux task's /proc stat line after the command's closing parenthesis; undefined elsewhere. */
function procStat(statPath: string): string[] | undefined {
  try {
    return readFileSync(statPath, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) of a Linux task from its /proc stat line (utime and stime are the 12th and 13th fields after the command). */
function procCpuMs(statPath: string): number | undefined {
  const fields = procStat(statPath);
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * CPU time (ms) of the server's threads that run SERVER_NICENESS.placements below its main
 * thread (nice is the 17th field after the command): Node names no thread, so their priority is
 * what tells the placement and roster-check pools from the solver pool and the rest.
 */
function placementThreadsCpuMs(pid: number): number | undefined {
  const main = procStat(`/proc/${pid}/task/${pid}/stat`);
  if (!main) return undefined;
  let ms = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = procStat(`/proc/${pid}/task/${tid}/stat`);
      if (fields && Number(fields[16]) - Number(main[16]) === SERVER_NICENESS.placements)
        ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    }
  } catch {
    return undefined;
  }
  return ms;
}

const lastCpu = new WeakMap<
  ChildProcess,
  { mainThread: number; process: number; placements?: number; runQueueWait?: number }
>();

/**
 * How long a Linux thread has waited, runnable, for a CPU (ms; the second field of its
 * schedstat): of the time its loop was held, the part the machine's other work took, the rest
 * being its own CPU or a block (a disk write) it was in.
 */
function runQueueWaitMs(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Asks the server for its event-loop delay since the last time (SIGUSR2; see mse serve), and
 * waits for the line; with the CPU its main thread and its process used since then (on Linux:
 * the figure to compare on a shared machine, where wall times follow the load).
 */
function serverLoop(child: ChildProcess): Promise<ServerPhase> {
  return new Promise((resolve) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /event loop: (\{.*\})/.exec(out);
      if (!match) return;
      child.stdout!.off("data", onData);
      const delay = JSON.parse(match[1]!) as EventLoopDelay;
      const mainThread = procCpuMs(`/proc/${child.pid}/task/${child.pid}/stat`);
      const processCpu = procCpuMs(`/proc/${child.pid}/stat`);
      const placements = placementThreadsCpuMs(child.pid!);
      const runQueueWait = runQueueWaitMs(child.pid!);
      if (mainThread === undefined || processCpu === undefined) return resolve(delay);
      const before = lastCpu.get(child);
      lastCpu.set(child, { mainThread, process: processCpu, placements, runQueueWait });
      resolve(
        before
          ? {
              ...delay,
              cpuMs: {
                mainThread: mainThread - before.mainThread,
                process: processCpu - before.process,
                ...(placements !== undefined ? { placements: placements - (before.placements ?? 0) } : {}),
                ...(runQueueWait !== undefined && before.runQueueWait !== undefined
                  ? { mainThreadRunQueueWait: Math.round(runQueueWait - before.runQueueWait) }
                  : {}),
              },
            }
          : delay,
      );
    };
    child.stdout!.on("data", onData);
    child.kill("SIGUSR2");
  });
}

/** The result as a short table. */
export function formatApiLoad(result: ApiLoadResult): string {
  const lines = [
    `load average ${result.machine.loadAverage.before} before, ${result.machine.loadAverage.after} after (${result.machine.cores} cores)`,
    `${result.requests} requests in ${result.durationS} s (${result.requestsPerSecond}/s) from ${result.options.clients} clients on ${result.schools.length} school(s) (${result.schools.map((s) => `${s.schoolId} ${s.students}`).join(", ")})`,
    "",
    "| route | count | p50 ms | p90 ms | p99 ms | max ms | errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...Object.entries(result.routes).map(
      ([route, r]) => `| ${route} | ${r.count} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.errors} |`,
    ),
    "",
    ...phaseLines(result),
    `clients: ${result.options.client ?? "http"} (bench-clients.ts); TCP connections opened: ${Object.entries(
      result.phases,
    )
      .map(([phase, p]) => `${phase} ${p.clientLoop?.connectionsOpened ?? "?"} for ${p.requests} requests`)
      .join(", ")}; requests sent again on a new connection (the server had closed theirs): ${result.requestsResent}`,
    ...Object.entries(result.readPhases ?? {}).flatMap(([phase, { all, slowest }]) => [
      `reads' time (${phase}), mean of all: ${JSON.stringify(all)}`,
      `reads' time (${phase}), mean of the slowest 5%: ${JSON.stringify(slowest)}`,
    ]),
    ...(result.stalls
      ? [
          `longest stalls of the server's thread (${result.stalls.length} listed), with what was on the stack:`,
          ...result.stalls.slice(0, 15).map(stallLine),
        ]
      : []),
    ...(result.stallsByCpu
      ? [
          `stalls in which the server's thread used the most CPU itself (the rest of a stall it waited for a core):`,
          ...result.stallsByCpu.slice(0, 10).map(stallLine),
        ]
      : []),
    `placements: ${JSON.stringify(result.placements)}; unexpected answers: ${JSON.stringify(result.errors)}; server errors logged: ${result.serverErrors}`,
    `checks: ${result.checks.acknowledgedEnrollments} enrollments and ${result.checks.acknowledgedDrops} drops acknowledged; lost ${result.checks.lost.length}, ` +
      `duplicated ${result.checks.duplicated.length}, dropped but present ${result.checks.resurrected.length}, roster violations ${result.checks.rosterViolations}, ` +
      `acknowledged but unseated ${result.checks.unseated}, unacknowledged late students ${result.checks.unacknowledged}`,
  ];
  return lines.join("\n");
}

/** A logged stall as a line of the summary: how long, the thread's CPU in it, what was on the stack. */
const stallLine = (s: LoggedStall): string =>
  `  ${s.ms} ms${s.cpuMs === undefined ? "" : ` (CPU ${s.cpuMs} ms)`} at ${s.at}: ${s.inclusive.join("; ")} (self: ${s.self.slice(0, 3).join("; ")})`;

/** The phases as a table: reads and writes, throughput and the longest event-loop stall. */
function phaseLines(result: ApiLoadResult): string[] {
  const row = (name: string, p: PhaseFigures) =>
    `| ${name} | ${p.requestsPerSecond} | ${p.reads.p50} | ${p.reads.p99} | ${p.writes.p50} | ${p.writes.p99} | ${p.eventLoop?.maxMs ?? "?"} | ${p.eventLoop?.p99Ms ?? "?"} | ${p.cpuMsPerRequest?.mainThread ?? "?"} | ${p.serverThreadBusyShare ?? "?"} | ${p.serverThreadWaitShare ?? "?"} | ${p.cpuMsPerRequest?.process ?? "?"} | ${p.placementCpuMsPerWrite ?? "?"} | ${p.clientLoop?.maxMs ?? "?"} | ${p.clientLoop?.p99Ms ?? "?"} | ${p.clientCpuMsPerRequest?.mainThread ?? "?"} | ${p.clientThreadBusyShare ?? "?"} | ${p.clientCpuMsPerRequest?.process ?? "?"} |`;
  const { steady, busy } = result.phases;
  return [
    "",
    "| phase | requests/s | reads p50 ms | reads p99 ms | writes p50 ms | writes p99 ms | longest loop stall ms | loop delay p99 ms | server main-thread CPU ms/request | server main thread busy share | server main thread waiting for a CPU, share | server process CPU ms/request | placement threads CPU ms/write | clients' longest loop stall ms | clients' loop delay p99 ms | clients' thread CPU ms/request | clients' thread busy share | clients' process CPU ms/request |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    row("clients alone", steady),
    ...(busy
      ? [
          row(
            `during a district run (${(busy.districtRunMs / 1000).toFixed(1)} s) and a full-quality school run (${(busy.schoolRunMs / 1000).toFixed(1)} s)`,
            busy,
          ),
        ]
      : []),
    "",
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const int = (value: string) => {
    const n = Number.parseInt(value, 10);
    if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got ${value}`);
    return n;
  };
  const opts = new Command("api-load")
    .option("--clients <n>", "concurrent clients", int, 50)
    .option("--seconds <n>", "how long the clients run", int, 120)
    .option("--schools <n>", "schools to load", int, 4)
    .option("--preset <name>", "district-small (a mix of kinds) or tiny", "district-small")
    .option("--seed <n>", "seed of the schools and the clients", int, 1)
    .option("--profile <dir>", "write a CPU profile of the server into this directory")
    .option("--db <kind>", "sqlite or postgresql (a fresh database on DATABASE_URL_POSTGRES's server)", "sqlite")
    .option("--no-busy", "skip the phase during a district run and a full-quality school run")
    .option("--log-stalls <ms>", "debugging: list the server's stalls this long (ms) with what held its thread", int)
    .addOption(
      new Option(
        "--client <kind>",
        "http: to the last byte; fetch: the benchmark before, to the body inflated by fetch",
      )
        .choices(["http", "fetch"])
        .default("http"),
    )
    .option(
      "--phases",
      "debugging: where the reads' time went (queued outside the server, waiting for the store, the audit write...)",
    )
    .parse()
    .opts<{
      clients: number;
      seconds: number;
      schools: number;
      preset: "district-small" | "tiny";
      seed: number;
      profile?: string;
      db: StoreKind;
      busy: boolean;
      logStalls?: number;
      phases?: boolean;
      client: ClientKind;
    }>();
  const { profile, logStalls, ...rest } = opts;
  const result = await runApiLoad({
    ...rest,
    profileDir: profile ? path.resolve(profile) : undefined,
    logStallsMs: logStalls,
    verbose: true,
  });
  console.log(formatApiLoad(result));
  // The fetch client's figures (the benchmark before #16's read work) are kept beside the default's, not over them.
  writeResult(
    `api-load${opts.db === "postgresql" ? "-postgresql" : ""}${opts.client === "fetch" ? "-fetch" : ""}`,
    result,
  );
  const c = result.checks;
  if (c.lost.length || c.duplicated.length || c.resurrected.length || c.rosterViolations || result.serverErrors)
    process.exitCode = 1;
}
