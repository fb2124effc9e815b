/**
 * The audit trail answers "who saw or changed this student, and when": every read of student
 * data, every write and every failed sign-in is in the store before the answer leaves, with
 * the token's ID (never the token), the route, the school, the student and the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents, pruneAuditEvents } from "../../src/store/index.ts";
import { enrollmentOf, SCHOOL_A, SCHOOL_B, schoolPath, startApiServer, type ApiServer } from "./support/api-server.ts";

const studentPath = (schoolId: string, studentId: string) =>
  schoolPath(schoolId, `/students/${encodeURIComponent(studentId)}`);

describe("the audit trail", () => {
  let server: ApiServer;
  let counselorId: number;
  beforeAll(async () => {
    server = await startApiServer();
    counselorId = (await server.call("GET", "/v1/me", { token: server.tokens.counselorA })).body.tokenId;
  });
  afterAll(() => server.close());

  it("records a read and a write of a student with who, what, when and how it went, and the district finds them by student", async () => {
    const token = server.tokens.counselorA;
    const student = "LATE-Ó'Neill";
    const since = new Date(Date.now() - 1000).toISOString();
    const written = await server.call("PUT", studentPath(SCHOOL_A, student), {
      token,
      body: enrollmentOf(server.schools.a, server.schools.a.students[0]!.studentId),
    });
    expect(written.status).toBe(201);
    const read = await server.call("GET", studentPath(SCHOOL_A, student), { token });
    expect(read.status).toBe(200);

    const trail = await server.call("GET", `/v1/audit?studentId=${encodeURIComponent(student)}&from=${since}`, {
      token: server.tokens.district,
    });
    expect(trail.status).toBe(200);
    expect(trail.body.events).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        tokenId: counselorId,
        action: "read",
        method: "GET",
        route: "/v1/schools/:schoolId/students/:studentId",
        schoolId: SCHOOL_A,
        studentId: student,
        status: 200,
        outcome: "ok",
        requestId: read.headers.get("x-request-id"),
      },
      {
        id: expect.any(Number),
        at: expect.any(String),
        tokenId: counselorId,
        action: "write",
        method: "PUT",
        route: "/v1/schools/:schoolId/students/:studentId",
        schoolId: SCHOOL_A,
        studentId: student,
        status: 201,
        outcome: "ok",
        requestId: written.headers.get("x-request-id"),
      },
    ]);
    expect(new Date(trail.body.events[0].at).getTime()).toBeGreaterThanOrEqual(new Date(since).getTime());
  });

  it("records a refused attempt on another school's student as refused", async () => {
    const other = server.schools.b.students[0]!.studentId;
    const reply = await server.call("GET", studentPath(SCHOOL_B, other), { token: server.tokens.counselorA });
    expect(reply.status).toBe(403);
    const trail = await server.call("GET", `/v1/audit?studentId=${encodeURIComponent(other)}&outcome=refused`, {
      token: server.tokens.district,
    });
    expect(trail.body.events).toMatchObject([
      { tokenId: counselorId, action: "read", schoolId: SCHOOL_B, studentId: other, status: 403, outcome: "refused" },
    ]);
  });

  it("records a school's roster read (whole-school student data) and leaves figures-only reads out", async () => {
    const roster = await server.call("GET", schoolPath(SCHOOL_B, "/roster"), { token: server.tokens.counselorB });
    const report = await server.call("GET", schoolPath(SCHOOL_B, "/report"), { token: server.tokens.counselorB });
    expect([roster.status, report.status]).toEqual([200, 200]);
    const trail = await server.call(
      "GET",
      `/v1/audit?schoolId=${encodeURIComponent(SCHOOL_B)}&action=read&limit=1000`,
      { token: server.tokens.district },
    );
    const ids = trail.body.events.map((e: { requestId: string }) => e.requestId);
    expect(ids).toContain(roster.headers.get("x-request-id"));
    expect(ids).not.toContain(report.headers.get("x-request-id"));
  });

  it("records a failed sign-in without a token ID, and never keeps the token that was sent", async () => {
    const guess = "mse_an-attempted-guess-of-a-token";
    const reply = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token: guess });
    expect(reply.status).toBe(401);
    const trail = await server.call("GET", "/v1/audit?action=sign_in_failed", { token: server.tokens.district });
    const event = trail.body.events.find(
      (e: { requestId: string }) => e.requestId === reply.headers.get("x-request-id"),
    );
    expect(event).toMatchObject({
      action: "sign_in_failed",
      method: "GET",
      route: "/v1/schools/:schoolId/roster",
      schoolId: SCHOOL_A,
      status: 401,
      outcome: "refused",
    });
    expect(event.tokenId).toBeUndefined();
    const everything = JSON.stringify(await server.store.db.query("SELECT * FROM audit_event", []));
    for (const token of [guess, ...Object.values(server.tokens)]) expect(everything).not.toContain(token);
  });

  it("logs every request in the access log by route pattern, status and token ID, never a path, a name or a token", async () => {
    const student = "LOGGED-Ó'Brien";
    const body = enrollmentOf(server.schools.a, server.schools.a.students[2]!.studentId, {
      givenName: "Siobhán",
      familyName: "Ó Briain",
    });
    const written = await server.call("PUT", studentPath(SCHOOL_A, student), { token: server.tokens.counselorA, body });
    expect(written.status).toBe(201);
    const lines = server.log.filter((entry) => entry.message === "request");
    expect(lines.find((entry) => entry.requestId === written.headers.get("x-request-id"))).toMatchObject({
      level: "info",
      method: "PUT",
      route: "/v1/schools/:schoolId/students/:studentId",
      status: 201,
      tokenId: counselorId,
      ms: expect.any(Number),
    });
    const text = JSON.stringify(lines);
    for (const secret of [student, encodeURIComponent(student), "Siobhán", "Ó Briain", ...Object.values(server.tokens)])
      expect(text).not.toContain(secret);
  });

  it("is for district operations only, pages newest first, and forgets events past the retention", async () => {
    expect((await server.call("GET", "/v1/audit", { token: server.tokens.counselorA })).status).toBe(403);
    expect((await server.call("GET", "/v1/audit", { token: server.tokens.qa })).status).toBe(403);
    const first = await server.call("GET", "/v1/audit?limit=2", { token: server.tokens.district });
    expect(first.body.events).toHaveLength(2);
    const second = await server.call("GET", first.body.next, { token: server.tokens.district });
    expect(second.body.events[0].id).toBeLessThan(first.body.events[1].id);
    expect((await server.call("GET", "/v1/audit?from=yesterday", { token: server.tokens.district })).status).toBe(400);

    const all = await listAuditEvents(server.store, { limit: 10_000 });
    expect(await pruneAuditEvents(server.store, new Date(all[0]!.at.getTime() + 1))).toBe(all.length);
    expect(await listAuditEvents(server.store, { limit: 10 })).toEqual([]);
  });
});
