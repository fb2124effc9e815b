/**
 * Hostile and heavy requests get a small, clear refusal and change nothing: a million unknown
 * fields, a problem of bad rows, twenty runs at once, a flood of requests, malformed run IDs,
 * methods no route takes. (How fast the server stays meanwhile is measured by bench:api.)
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ISSUES, UNKNOWN_FIELDS_NAMED } from "../../src/api/operation.ts";
import { MAX_PROBLEM_ISSUES } from "../../src/api/problem-upload.ts";
import { listSchoolIds } from "../../src/store/index.ts";
import {
  enrollmentOf,
  problemFiles,
  SCHOOL_A,
  SCHOOL_B,
  schoolPath,
  startApiServer,
  type ApiServer,
} from "./support/api-server.ts";

const studentPath = (studentId: string) => schoolPath(SCHOOL_A, `/students/${encodeURIComponent(studentId)}`);

/** A request fetch will not send (TRACE is a forbidden method there): its status and Allow header. */
function rawRequest(baseUrl: string, method: string, urlPath: string): Promise<{ status: number; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${urlPath}`, { method }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The length in bytes of what the server answered. */
const answerBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

describe("hostile and heavy requests", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer({ app: { limits: { openRunsPerSchool: 2, openRunsPerToken: 100 } } });
  });
  afterAll(() => server.close());

  it("answers an enrollment with 92,000 unknown fields with a small 400 naming the first few and counting the rest, and changes nothing", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const body: Record<string, unknown> = enrollmentOf(server.schools.a, server.schools.a.students[0]!.studentId);
    for (let i = 0; i < 92_000; i++) body[`x${i}`] = 1;
    const reply = await server.call("PUT", studentPath("FLOOD-1"), { token: server.tokens.counselorA, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_body");
    const issues = reply.body.error.issues as { path: string; message: string }[];
    expect(issues.filter((i) => i.message === "unknown field")).toHaveLength(UNKNOWN_FIELDS_NAMED);
    expect(issues).toContainEqual({
      path: "body",
      message: `and ${92_000 - UNKNOWN_FIELDS_NAMED} more unknown field(s)`,
    });
    expect(answerBytes(reply.body)).toBeLessThan(5_000);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("caps the issues of one answer: a thousand objects with an unknown field each get at most MAX_ISSUES named, then a count", async () => {
    const body = enrollmentOf(server.schools.a, server.schools.a.students[0]!.studentId, {
      requests: Array.from({ length: 60 }, (_, i) => ({ courseId: `C${i}`, priority: 0, bogus: true, other: 2 })),
    });
    const reply = await server.call("PUT", studentPath("FLOOD-2"), { token: server.tokens.counselorA, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues).toHaveLength(MAX_ISSUES + 1);
    expect(reply.body.error.issues.at(-1).message).toMatch(/^and \d+ more issue\(s\)$/);
  });

  it("answers a problem upload with 300,000 unknown fields with a small 400, imports nothing", async () => {
    const files: Record<string, string> = { ...(await problemFiles(server.schools.a)) };
    const body: Record<string, unknown> = { files };
    for (let i = 0; i < 300_000; i++) body[`k${i}`] = "";
    const before = await server.snapshot(SCHOOL_A);
    const reply = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), { token: server.tokens.district, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_body");
    expect(answerBytes(reply.body)).toBeLessThan(5_000);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("stops reading a problem of 200,000 bad rows at the cap: 422 with at most MAX_PROBLEM_ISSUES issues, imports nothing", async () => {
    const files = await problemFiles(server.schools.a);
    const header = files["students.csv"]!.split("\n")[0]!;
    const bad = Array.from({ length: 200_000 }, (_, i) => `S-BAD-${i},not-a-grade`).join("\n");
    const reply = await server.call("PUT", schoolPath("NEW-SCHOOL", "/problem"), {
      token: server.tokens.district,
      body: { files: { ...files, "students.csv": `${header}\n${bad}\n` } },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("invalid_problem");
    expect(reply.body.error.issues.length).toBeLessThanOrEqual(MAX_PROBLEM_ISSUES);
    expect(reply.body.error.message).toMatch(/at least \d+ errors/);
    expect(await listSchoolIds(server.store)).toEqual([SCHOOL_A, SCHOOL_B]);
  });

  it("accepts a school's runs only up to its limit: twenty at once get 429 with Retry-After beyond it, and a student's enrollment does not wait behind them", async () => {
    const token = server.tokens.counselorA;
    // QA's benchmark of a 3,000-student school holds the one solver thread for seconds: the runs stay open meanwhile.
    const benchmark = server.call("POST", "/v1/benchmarks", {
      token: server.tokens.qa,
      body: { preset: "high-school" },
    });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.call("POST", schoolPath(SCHOOL_A, "/runs"), { token, body: { kind: "full" } }),
      ),
    );
    const accepted = replies.filter((r) => r.status === 202);
    const refused = replies.filter((r) => r.status === 429);
    // Two open at most; one more only if the first reached the thread before the benchmark and finished during the twenty.
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(accepted.length).toBeLessThanOrEqual(3);
    expect(accepted.length + refused.length).toBe(20);
    for (const reply of refused) {
      expect(reply.body.error.code).toBe("rate_limited");
      expect(Number(reply.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const enrolled = await server.call("PUT", studentPath("AFTER-THE-RUNS"), {
      token,
      body: enrollmentOf(server.schools.a, server.schools.a.students[1]!.studentId),
    });
    expect(enrolled.status).toBe(201);
    expect((await benchmark).status).toBe(200);
  });

  it("takes run IDs in decimal digits only: 0x10, 1e3, 010, +5 and 0 are 400", async () => {
    for (const runId of ["0x10", "1e3", "010", "+5", "0", "1.0"]) {
      const reply = await server.call("GET", `/v1/runs/${encodeURIComponent(runId)}`, {
        token: server.tokens.district,
      });
      expect(reply.status, runId).toBe(400);
      expect(reply.body.error.issues[0].path, runId).toBe("params.runId");
    }
  });

  it("answers OPTIONS and TRACE with 405 and what the path takes", async () => {
    const options = await server.call("OPTIONS", schoolPath(SCHOOL_A, "/roster"), { token: server.tokens.district });
    expect(options.status).toBe(405);
    expect(options.headers.get("allow")).toBe("GET, HEAD");
    expect((await rawRequest(server.baseUrl, "TRACE", "/v1/health")).status).toBe(405);
    expect((await rawRequest(server.baseUrl, "TRACE", "/no/such/path")).status).toBe(405);
    const patch = await server.call("PATCH", studentPath("S"), { token: server.tokens.district, body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, PUT, DELETE, HEAD");
  });

  it("sends the standard security headers and compresses large answers", async () => {
    const roster = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), {
      token: server.tokens.district,
      headers: { "accept-encoding": "gzip" },
    });
    expect(roster.status).toBe(200);
    expect(roster.headers.get("x-content-type-options")).toBe("nosniff");
    expect(roster.headers.get("content-security-policy")).toContain("default-src");
    expect(roster.headers.get("content-encoding")).toBe("gzip");
    expect(roster.body.schoolId).toBe(SCHOOL_A);
    const plain = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), {
      token: server.tokens.district,
      headers: { "accept-encoding": "identity" },
    });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.body).toEqual(roster.body);
  });

  it("replays an Idempotency-Key's answer to a retry that orders its keys differently or writes the defaults out", async () => {
    const token = server.tokens.counselorB;
    const model = server.schools.b.students[0]!.studentId;
    const body = enrollmentOf(server.schools.b, model);
    const headers = { "idempotency-key": "canonical-1" };
    const path = schoolPath(SCHOOL_B, "/students/LATE-CANON");
    const first = await server.call("PUT", path, { token, body, headers });
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(
      Object.entries({ ...body, place: true, allowMoves: 0, iep: body.iep ?? false }).reverse(),
    );
    const retry = await server.call("PUT", path, { token, body: reordered, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
  });

  it("runs a school named three times in a district run once", async () => {
    const reply = await server.call("POST", "/v1/district/runs", {
      token: server.tokens.district,
      body: { schools: [SCHOOL_B, SCHOOL_B, SCHOOL_B] },
    });
    expect(reply.status).toBe(202);
    expect(reply.body.job.parameters.schools).toBe(1);
  });
});

describe("rate limits", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer({
      run: false,
      app: { limits: { tokenRequestsPerMinute: 5, failedSignInsPerMinute: 3 } },
    });
  });
  afterAll(() => server.close());

  it("answers 429 with Retry-After once a token has made its requests of the minute, and other tokens go on", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await server.call("GET", "/v1/me", { token: server.tokens.qa })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await server.call("GET", "/v1/me", { token: server.tokens.qa });
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await server.call("GET", "/v1/me", { token: server.tokens.district })).status).toBe(200);
  });

  it("refuses an address that keeps failing to sign in, even with a good token, until the minute is over", async () => {
    for (let i = 0; i < 3; i++)
      expect((await server.call("GET", "/v1/me", { token: `mse_guess-${i}` })).status).toBe(401);
    const next = await server.call("GET", "/v1/me", { token: server.tokens.counselorB });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
