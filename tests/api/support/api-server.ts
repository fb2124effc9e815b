/**
 * A real API server for the specs: a fresh SQLite file store with two generated schools (A,
 * and B whose ID holds an apostrophe and Unicode), tokens of every role, the app listening on
 * a free loopback port, and a fetch helper. Nothing is mocked.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { Express } from "express";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { generatePreset } from "../../../fixtures/generate.ts";
import { renamedSchool } from "../../../fixtures/renamed-school.ts";
import { closeApp, createApp, type ApiOptions } from "../../../src/api/app.ts";
import type { LogEntry } from "../../../src/api/log.ts";
import { joinSchools } from "../../../src/domain/join-schools.ts";
import { writeProblem } from "../../../src/io/interchange/write-problem.ts";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import {
  createApiToken,
  revokeApiToken,
  closeStore,
  importProblem,
  liveRoster,
  readSchoolProblem,
  openStore,
  type Store,
} from "../../../src/store/index.ts";
import { runSchool } from "../../../src/run/run-school.ts";
import { validateRoster, type Violation } from "../../../solver/check/validate-roster.ts";

export const SCHOOL_A = "MS-A";
export const SCHOOL_B = "B-O'Brien-李";

/** The tiny preset (60 students) as school `schoolId`, its student and teacher IDs prefixed to stay unique in the district. */
export function tinyAs(schoolId: string, seed: number, prefix: string): SchoolProblem {
  return renamedSchool(generatePreset("tiny", seed), schoolId, prefix);
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (with content-type application/json unless headers say otherwise). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface ApiServer {
  dir: string;
  /** The express app (its context: apiContext(app)). */
  app: Express;
  store: Store;
  baseUrl: string;
  schools: { a: SchoolProblem; b: SchoolProblem };
  tokens: { district: string; qa: string; counselorA: string; counselorB: string; revoked: string };
  /** Everything the server logged. */
  log: LogEntry[];
  call<T = any>(method: string, urlPath: string, options?: CallOptions): Promise<Reply<T>>;
  /** Violations of the school's live roster against its problem in the store ([] = valid). */
  validateLive(schoolId: string): Promise<Violation[]>;
  /** The school's problem and live roster, to compare before and after a refused request. */
  snapshot(schoolId: string): Promise<{ problem: SchoolProblem; roster?: SchoolRoster; runId?: number }>;
  close(): Promise<void>;
}

/** `/v1/schools/<id>` with the ID escaped. */
export const schoolPath = (schoolId: string, rest = ""): string => `/v1/schools/${encodeURIComponent(schoolId)}${rest}`;

/** Starts a server (on a fresh SQLite file, or the empty store at `url`); both schools get a full run (a live roster) unless `run` is false; `edit` changes the schools before they are imported. */
export async function startApiServer(
  options: { run?: boolean; app?: ApiOptions; url?: string; edit?: (schools: ApiServer["schools"]) => void } = {},
): Promise<ApiServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "mse-api-"));
  const store = await openStore(options.url ?? `file:${path.join(dir, "mse.db")}`);
  const schools = { a: tinyAs(SCHOOL_A, 1, "A"), b: tinyAs(SCHOOL_B, 2, "B") };
  options.edit?.(schools);
  await importProblem(store, joinSchools([schools.a, schools.b]));
  if (options.run !== false) {
    for (const id of [SCHOOL_A, SCHOOL_B])
      await runSchool(store, id, { schedule: { seed: 1, quality: "quick", loader: "solver" } });
  }
  const token = async (name: string, role: "counselor" | "district" | "qa", schoolIds: string[] = []) =>
    createApiToken(store, { name, role, schools: schoolIds });
  const leaver = await token("left the district", "counselor", [SCHOOL_A]);
  await revokeApiToken(store, leaver.record.id);
  const tokens = {
    district: (await token("district ops", "district")).token,
    qa: (await token("qa", "qa")).token,
    counselorA: (await token("Ms O'Brien (A)", "counselor", [SCHOOL_A])).token,
    counselorB: (await token("Mr Nguyễn (B)", "counselor", [SCHOOL_B])).token,
    revoked: leaver.token,
  };
  const log: LogEntry[] = [];
  const app = createApp(store, {
    checkReplies: true,
    threads: 1,
    placementBackoffMs: 10,
    log: (entry) => log.push(entry),
    ...options.app,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async <T>(method: string, urlPath: string, o: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) };
    let body: string | undefined;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (o.raw !== undefined) body = o.raw;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(baseUrl + urlPath, { method, headers: { ...headers, ...o.headers }, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the spec sees the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  const validateLive = async (schoolId: string) => {
    const live = await liveRoster(store, schoolId);
    if (!live) return [{ constraint: "no live roster" } as unknown as Violation];
    return validateRoster(joinSchools([await readSchoolProblem(store, schoolId)]), [live.roster]);
  };

  const snapshot = async (schoolId: string) => {
    const live = await liveRoster(store, schoolId);
    return {
      problem: structuredClone(await readSchoolProblem(store, schoolId)),
      roster: live?.roster,
      runId: live?.runId,
    };
  };

  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeApp(app);
    await closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  };

  return { dir, app, store, baseUrl, schools, tokens, log, call, validateLive, snapshot, close };
}

/** A school's problem as the upload body's files: interchange CSV text by file name. */
export async function problemFiles(problem: SchoolProblem): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), "mse-api-files-"));
  try {
    await writeProblem(dir, joinSchools([problem]));
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir)) files[name] = readFileSync(path.join(dir, name), "utf8");
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls a job until it has finished (or `timeoutMs` passes). */
export async function waitForJob(server: ApiServer, token: string, location: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await server.call("GET", location, { token });
    if (reply.status !== 200) throw new Error(`polling ${location}: ${reply.status} ${JSON.stringify(reply.body)}`);
    if (reply.body.status === "succeeded" || reply.body.status === "failed") return reply.body;
    if (Date.now() > deadline) throw new Error(`job ${location} still ${reply.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A request body for PUT .../students/:id: the student's own record and requests from the problem, as the API takes them. */
export function enrollmentOf(
  problem: SchoolProblem,
  studentId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const student = problem.students.find((s) => s.studentId === studentId)!;
  const requests = problem.requests
    .filter((r) => r.studentId === studentId)
    .map((r) =>
      Object.fromEntries(
        Object.entries({
          courseId: r.courseId,
          priority: r.priority,
          alternateFor: r.alternateFor,
          requiredSetting: r.requiredSetting,
          lockedSectionId: r.lockedSectionId,
        }).filter(([, v]) => v !== undefined),
      ),
    );
  const record = Object.fromEntries(
    Object.entries({
      grade: student.grade,
      givenName: student.givenName,
      familyName: student.familyName,
      iep: student.iep,
      gender: student.gender,
    }).filter(([, v]) => v !== undefined),
  );
  return { ...record, requests, ...overrides };
}
