import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiOperations } from "../../src/api/app.ts";
import { listApiTokens, liveRunId } from "../../src/store/index.ts";
import {
  enrollmentOf,
  problemFiles,
  SCHOOL_A,
  SCHOOL_B,
  schoolPath,
  startApiServer,
  waitForJob,
  type ApiServer,
} from "./support/api-server.ts";

/** One request of the matrix: what a counselor of school A sends about school B. */
interface Attempt {
  method: string;
  path: string;
  body?: unknown;
}

describe("who may see and do what", () => {
  let server: ApiServer;
  let bJob: string;
  let bRun: number;
  let uploadOfB: Record<string, string>;
  beforeAll(async () => {
    server = await startApiServer();
    bRun = (await liveRunId(server.store, SCHOOL_B))!;
    const started = await server.call("POST", schoolPath(SCHOOL_B, "/runs"), {
      token: server.tokens.district,
      body: { kind: "incremental" },
    });
    expect(started.status).toBe(202);
    bJob = started.body.job.jobId;
    await waitForJob(server, server.tokens.district, started.body.location);
    uploadOfB = await problemFiles(server.schools.b);
  });
  afterAll(() => server.close());

  const bStudent = () => server.schools.b.students[0]!.studentId;

  /** Every route that reaches into one school, as a request about school B. Keyed by the operation. */
  const attemptsOnB = (): Record<string, Attempt> => ({
    "PUT /v1/schools/:schoolId/problem": {
      method: "PUT",
      path: schoolPath(SCHOOL_B, "/problem"),
      body: { files: uploadOfB },
    },
    "GET /v1/schools/:schoolId/conflict-matrix": { method: "GET", path: schoolPath(SCHOOL_B, "/conflict-matrix") },
    "GET /v1/schools/:schoolId/report": { method: "GET", path: schoolPath(SCHOOL_B, "/report") },
    "GET /v1/schools/:schoolId/roster": { method: "GET", path: schoolPath(SCHOOL_B, "/roster") },
    "GET /v1/schools/:schoolId/unscheduled": { method: "GET", path: schoolPath(SCHOOL_B, "/unscheduled") },
    "GET /v1/schools/:schoolId/students/:studentId": {
      method: "GET",
      path: schoolPath(SCHOOL_B, `/students/${encodeURIComponent(bStudent())}`),
    },
    "PUT /v1/schools/:schoolId/students/:studentId": {
      method: "PUT",
      path: schoolPath(SCHOOL_B, "/students/INTRUDER"),
      body: enrollmentOf(server.schools.b, bStudent()),
    },
    "DELETE /v1/schools/:schoolId/students/:studentId": {
      method: "DELETE",
      path: schoolPath(SCHOOL_B, `/students/${encodeURIComponent(bStudent())}`),
    },
    "POST /v1/schools/:schoolId/runs": { method: "POST", path: schoolPath(SCHOOL_B, "/runs"), body: { kind: "full" } },
    "GET /v1/schools/:schoolId/runs": { method: "GET", path: schoolPath(SCHOOL_B, "/runs") },
    "GET /v1/runs/:runId": { method: "GET", path: `/v1/runs/${bRun}` },
    "GET /v1/jobs/:jobId": { method: "GET", path: `/v1/jobs/${bJob}` },
    "POST /v1/district/runs": { method: "POST", path: "/v1/district/runs", body: {} },
    "GET /v1/district/runs": { method: "GET", path: "/v1/district/runs" },
    "GET /v1/district/schools": { method: "GET", path: "/v1/district/schools" },
    ...scenarioAttempts(SCHOOL_B),
  });

  /** Every scenario route about `schoolId` (scenario 1, section S: the school is refused before either is looked up). */
  const scenarioAttempts = (schoolId: string): Record<string, Attempt> => ({
    "GET /v1/schools/:schoolId/scenarios": { method: "GET", path: schoolPath(schoolId, "/scenarios") },
    "POST /v1/schools/:schoolId/scenarios": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios"),
      body: { name: "intruder" },
    },
    "GET /v1/schools/:schoolId/scenarios/:scenarioId": { method: "GET", path: schoolPath(schoolId, "/scenarios/1") },
    "DELETE /v1/schools/:schoolId/scenarios/:scenarioId": {
      method: "DELETE",
      path: schoolPath(schoolId, "/scenarios/1"),
    },
    "POST /v1/schools/:schoolId/scenarios/:scenarioId/edits": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios/1/edits"),
      body: { version: 0, edit: { kind: "close", sectionId: "S" } },
    },
    "POST /v1/schools/:schoolId/scenarios/:scenarioId/undo": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios/1/undo"),
      body: { version: 0 },
    },
    "POST /v1/schools/:schoolId/scenarios/:scenarioId/rebuild": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios/1/rebuild"),
      body: { version: 0 },
    },
    "GET /v1/schools/:schoolId/scenarios/:scenarioId/what-if": {
      method: "GET",
      path: schoolPath(schoolId, "/scenarios/1/what-if"),
    },
    "POST /v1/schools/:schoolId/scenarios/:scenarioId/preview": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios/1/preview"),
      body: { version: 0, edit: { kind: "lock", sectionId: "S", locked: true } },
    },
    "GET /v1/schools/:schoolId/scenarios/:scenarioId/sections/:sectionId/periods": {
      method: "GET",
      path: schoolPath(schoolId, "/scenarios/1/sections/S/periods"),
    },
    "GET /v1/schools/:schoolId/scenarios/:scenarioId/sections/:sectionId/suggestions": {
      method: "GET",
      path: schoolPath(schoolId, "/scenarios/1/sections/S/suggestions"),
    },
    "GET /v1/schools/:schoolId/scenarios/:scenarioId/diff": {
      method: "GET",
      path: schoolPath(schoolId, "/scenarios/1/diff"),
    },
    "POST /v1/schools/:schoolId/scenarios/:scenarioId/promote": {
      method: "POST",
      path: schoolPath(schoolId, "/scenarios/1/promote"),
      body: { version: 0 },
    },
  });

  it("has a row in the school-B matrix for every route that reaches into a school", () => {
    const scoped = apiOperations()
      .filter(
        (op) =>
          op.school || op.path.includes(":runId") || op.path.includes(":jobId") || op.path.startsWith("/v1/district"),
      )
      .map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(Object.keys(attemptsOnB()).sort()).toEqual(scoped.sort());
  });

  /** A run or job of another school answers as if it did not exist: a 403 would tell which IDs other schools used. */
  const hiddenAsUnknown = new Set(["GET /v1/runs/:runId", "GET /v1/jobs/:jobId"]);

  it("gives a counselor of school A 403 on every route for school B (404 for B's runs and jobs), and changes nothing of B", async () => {
    const before = await server.snapshot(SCHOOL_B);
    const studentsOfB = server.schools.b.students.map((s) => s.studentId);
    for (const [operation, attempt] of Object.entries(attemptsOnB())) {
      const reply = await server.call(attempt.method, attempt.path, {
        token: server.tokens.counselorA,
        body: attempt.body,
      });
      if (hiddenAsUnknown.has(operation)) {
        expect(reply.status, operation).toBe(404);
        expect(reply.body.error.code, operation).toMatch(/^unknown_/);
        continue;
      }
      expect(reply.status, operation).toBe(403);
      expect(reply.body.error.code, operation).toMatch(/^forbidden_/);
      const text = JSON.stringify(reply.body);
      for (const id of studentsOfB) expect(text, operation).not.toContain(id);
    }
    expect(await server.snapshot(SCHOOL_B)).toEqual(before);
  });

  it("answers a counselor about another school's run exactly as about a run that does not exist (nothing about district activity leaks)", async () => {
    const token = server.tokens.counselorA;
    const strip = (body: { error: { requestId: string; message: string } }) => ({
      ...body.error,
      requestId: undefined,
      message: body.error.message.replace(/\d+/g, "N"),
    });
    const others = await server.call("GET", `/v1/runs/${bRun}`, { token });
    const none = await server.call("GET", "/v1/runs/999999", { token });
    expect([others.status, none.status]).toEqual([404, 404]);
    expect(strip(others.body)).toEqual(strip(none.body));
    const job = await server.call("GET", `/v1/jobs/${bJob}`, { token });
    const noJob = await server.call("GET", "/v1/jobs/j-no-such-job", { token });
    expect([job.status, noJob.status]).toEqual([404, 404]);
    expect(job.body.error.code).toBe(noJob.body.error.code);
  });

  it("lets the same counselor read and run their own school", async () => {
    const token = server.tokens.counselorA;
    expect((await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token })).status).toBe(200);
    expect((await server.call("GET", schoolPath(SCHOOL_A, "/unscheduled"), { token })).status).toBe(200);
    const started = await server.call("POST", schoolPath(SCHOOL_A, "/runs"), { token, body: { kind: "incremental" } });
    expect(started.status).toBe(202);
    const job = await waitForJob(server, token, started.body.location);
    expect(job.status).toBe("succeeded");
    expect((await server.call("GET", `/v1/runs/${job.runId}`, { token })).status).toBe(200);
    expect(await server.validateLive(SCHOOL_A)).toEqual([]);
  });

  it("lists to a counselor only the schools of their token", async () => {
    const mine = await server.call("GET", "/v1/schools", { token: server.tokens.counselorB });
    expect(mine.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([SCHOOL_B]);
    const all = await server.call("GET", "/v1/schools", { token: server.tokens.district });
    expect(all.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([SCHOOL_A, SCHOOL_B]);
  });

  it("gives 403, not 404, to a counselor asking for a school that does not exist (nothing about other schools leaks)", async () => {
    const reply = await server.call("GET", schoolPath("NO-SUCH-SCHOOL", "/report"), {
      token: server.tokens.counselorA,
    });
    expect(reply.status).toBe(403);
  });

  it("never shows student data to qa: 403 on rosters, unscheduled lists, students, scenarios and every write", async () => {
    const token = server.tokens.qa;
    const a = server.schools.a;
    const refused: Attempt[] = [
      { method: "GET", path: schoolPath(SCHOOL_A, "/roster") },
      { method: "GET", path: schoolPath(SCHOOL_A, "/unscheduled") },
      { method: "GET", path: schoolPath(SCHOOL_A, `/students/${a.students[0]!.studentId}`) },
      { method: "PUT", path: schoolPath(SCHOOL_A, "/students/QA-1"), body: enrollmentOf(a, a.students[0]!.studentId) },
      { method: "DELETE", path: schoolPath(SCHOOL_A, `/students/${a.students[0]!.studentId}`) },
      { method: "PUT", path: schoolPath(SCHOOL_A, "/problem"), body: { files: await problemFiles(a) } },
      { method: "POST", path: schoolPath(SCHOOL_A, "/runs"), body: {} },
      { method: "POST", path: "/v1/district/runs", body: {} },
      ...Object.values(scenarioAttempts(SCHOOL_A)),
    ];
    for (const attempt of refused) {
      const reply = await server.call(attempt.method, attempt.path, { token, body: attempt.body });
      expect(reply.status, `${attempt.method} ${attempt.path}`).toBe(403);
      expect(reply.body.error.code).toBe("forbidden_role");
    }
  });

  it("lets qa read figures, runs and jobs, and run a benchmark, with no student ID or name in any of them", async () => {
    const token = server.tokens.qa;
    const readable = [
      "/v1/schools",
      "/v1/me",
      schoolPath(SCHOOL_A, "/report"),
      schoolPath(SCHOOL_A, "/conflict-matrix"),
      schoolPath(SCHOOL_B, "/runs"),
      `/v1/runs/${bRun}`,
      `/v1/jobs/${bJob}`,
    ];
    const texts: string[] = [];
    for (const path of readable) {
      const reply = await server.call("GET", path, { token });
      expect(reply.status, path).toBe(200);
      texts.push(JSON.stringify(reply.body));
    }
    const bench = await server.call("POST", "/v1/benchmarks", { token, body: { preset: "tiny", seed: 3 } });
    expect(bench.status).toBe(200);
    expect(bench.body.violations).toBe(0);
    expect(bench.body.report.students).toBe(60);
    texts.push(JSON.stringify(bench.body));
    const everything = texts.join("\n");
    for (const school of [server.schools.a, server.schools.b]) {
      for (const s of school.students) {
        expect(everything).not.toContain(`"${s.studentId}"`);
        if (s.familyName) expect(everything).not.toContain(JSON.stringify(s.familyName));
      }
    }
  });

  it("keeps benchmarks from counselors", async () => {
    const reply = await server.call("POST", "/v1/benchmarks", {
      token: server.tokens.counselorA,
      body: { preset: "tiny" },
    });
    expect(reply.status).toBe(403);
  });

  it("answers 401 without a token, with a malformed header, an unknown token or a revoked one", async () => {
    const path = schoolPath(SCHOOL_A, "/report");
    const cases: Record<string, Record<string, string>> = {
      none: {},
      malformed: { authorization: "Basic dXNlcjpwYXNz" },
      unknown: { authorization: "Bearer mse_not-a-real-token" },
      revoked: { authorization: `Bearer ${server.tokens.revoked}` },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const reply = await server.call("GET", path, { headers });
      expect(reply.status, name).toBe(401);
      expect(reply.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      expect(reply.body.error.requestId, name).toBe(reply.headers.get("x-request-id"));
    }
  });

  it("answers health and the OpenAPI document without a token", async () => {
    expect((await server.call("GET", "/v1/health")).status).toBe(200);
    expect((await server.call("GET", "/v1/openapi.json")).status).toBe(200);
  });

  it("stores tokens only as their SHA-256", async () => {
    const rows = await server.store.db.query<Record<string, unknown>>(`SELECT * FROM api_token`, []);
    const hashes = rows.map((r) => r.token_hash);
    for (const token of Object.values(server.tokens)) {
      expect(token).toMatch(/^mse_[A-Za-z0-9_-]{43}$/);
      expect(hashes).toContain(createHash("sha256").update(token).digest("hex"));
      expect(JSON.stringify(rows)).not.toContain(token);
    }
    expect((await listApiTokens(server.store)).find((t) => t.name === "left the district")?.revokedAt).toBeInstanceOf(
      Date,
    );
  });
});
