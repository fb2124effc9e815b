import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Enrollment } from "../../src/domain/roster.ts";
import { claimIdempotentRequest, listRuns, liveRoster, readSchoolProblem, newHolder } from "../../src/store/index.ts";
import { enrollmentOf, SCHOOL_A, schoolPath, startApiServer, type ApiServer } from "./support/api-server.ts";

const seatsOf = (rows: Enrollment[], studentId: string): string[] =>
  rows
    .filter((e) => e.studentId === studentId)
    .map((e) => e.sectionId)
    .sort();
const studentPath = (studentId: string) => schoolPath(SCHOOL_A, `/students/${encodeURIComponent(studentId)}`);

describe("late students over HTTP", () => {
  let server: ApiServer;
  let token: string;
  beforeAll(async () => {
    server = await startApiServer();
    token = server.tokens.counselorA;
  });
  afterAll(() => server.close());
  afterEach(async () => {
    expect(await server.validateLive(SCHOOL_A)).toEqual([]);
  });

  /** A student of A whose requests a newcomer copies. */
  const model = () => server.schools.a.students[3]!.studentId;

  it("enrolls a late student and seats them at once, moving nobody already placed", async () => {
    const before = (await liveRoster(server.store, SCHOOL_A))!;
    const reply = await server.call("PUT", studentPath("LATE-1"), {
      token,
      body: enrollmentOf(server.schools.a, model()),
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("location")).toBe(studentPath("LATE-1"));
    expect(reply.body.created).toBe(true);
    expect(reply.body.placement.status).toBe("placed");
    expect(reply.body.placement.moved).toBe(0);
    const requested = new Set(reply.body.requests.map((r: { courseId: string }) => r.courseId));
    expect(reply.body.placement.sections.length).toBeGreaterThan(0);
    for (const seat of reply.body.placement.sections) expect(requested).toContain(seat.courseId);

    const after = (await liveRoster(server.store, SCHOOL_A))!;
    expect(after.runId).toBe(reply.body.placement.runId);
    expect(seatsOf(after.roster.enrollments, "LATE-1")).toEqual(
      reply.body.placement.sections.map((s: { sectionId: string }) => s.sectionId).sort(),
    );
    for (const s of server.schools.a.students) {
      expect(seatsOf(after.roster.enrollments, s.studentId), s.studentId).toEqual(
        seatsOf(before.roster.enrollments, s.studentId),
      );
    }
    const read = await server.call("GET", studentPath("LATE-1"), { token });
    expect(read.status).toBe(200);
    expect(read.body.sections).toEqual(reply.body.placement.sections);
    expect(read.body.unmet).toEqual(reply.body.placement.unmet);
  });

  it("replaces a student's record and requests on a second PUT (200, created false)", async () => {
    const body = enrollmentOf(server.schools.a, model(), { givenName: "Changed" });
    const first = await server.call("PUT", studentPath("LATE-2"), { token, body });
    expect(first.status).toBe(201);
    const fewer = { ...body, requests: (body.requests as unknown[]).slice(0, 2) };
    const second = await server.call("PUT", studentPath("LATE-2"), { token, body: fewer });
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(false);
    expect(second.body.requests).toHaveLength(2);
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    expect(problem.students.filter((s) => s.studentId === "LATE-2")).toHaveLength(1);
    expect(problem.requests.filter((r) => r.studentId === "LATE-2")).toHaveLength(2);
  });

  it("answers a retry with the same Idempotency-Key with the first answer, and enrolls once", async () => {
    const body = enrollmentOf(server.schools.a, model());
    const headers = { "idempotency-key": "enroll-LATE-3-attempt" };
    const first = await server.call("PUT", studentPath("LATE-3"), { token, body, headers });
    expect(first.status).toBe(201);
    const runsAfterFirst = (await listRuns(server.store, SCHOOL_A)).length;
    const retry = await server.call("PUT", studentPath("LATE-3"), { token, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect((await listRuns(server.store, SCHOOL_A)).length).toBe(runsAfterFirst);
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    expect(problem.students.filter((s) => s.studentId === "LATE-3")).toHaveLength(1);
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    const seats = seatsOf(live.roster.enrollments, "LATE-3");
    expect(new Set(seats).size).toBe(seats.length);
  });

  it("refuses an Idempotency-Key reused with another body (422) and changes nothing", async () => {
    const headers = { "idempotency-key": "enroll-LATE-4" };
    const body = enrollmentOf(server.schools.a, model());
    expect((await server.call("PUT", studentPath("LATE-4"), { token, body, headers })).status).toBe(201);
    const before = await server.snapshot(SCHOOL_A);
    const reused = await server.call("PUT", studentPath("LATE-4"), {
      token,
      body: { ...body, givenName: "Someone Else" },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    expect(reused.body.error.issues[0].path).toBe("headers.idempotency-key");
    const elsewhere = await server.call("PUT", studentPath("LATE-5"), { token, body, headers });
    expect(elsewhere.status).toBe(422);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("answers 409 while the first request with a key is still being handled", async () => {
    const me = await server.call("GET", "/v1/me", { token });
    const body = enrollmentOf(server.schools.a, model());
    const path = studentPath("LATE-6");
    // The first request of this key, as another server process would have claimed it mid-flight.
    const { bodyHash } = await import("../../src/api/idempotency.ts");
    const { enrollBody } = await import("../../src/api/schemas/students.ts");
    await claimIdempotentRequest(server.store, {
      tokenId: me.body.tokenId,
      key: "in-flight",
      request: `PUT ${path}`,
      bodyHash: bodyHash(enrollBody.parse(body)),
      staleAfterMs: 60_000,
      holder: newHolder(),
    });
    const before = await server.snapshot(SCHOOL_A);
    const reply = await server.call("PUT", path, { token, body, headers: { "idempotency-key": "in-flight" } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("idempotency_key_in_progress");
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("keeps keys per token: another counselor's identical key does its own work", async () => {
    const headers = { "idempotency-key": "shared-key" };
    const body = enrollmentOf(server.schools.a, model());
    expect((await server.call("PUT", studentPath("LATE-7"), { token, body, headers })).status).toBe(201);
    const other = await server.call("PUT", studentPath("LATE-7"), { token: server.tokens.district, body, headers });
    expect(other.status).toBe(200);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
  });

  it("round-trips names with apostrophes and Unicode, and IDs with them in the path", async () => {
    const studentId = "李-O'Brien 1/2";
    const body = enrollmentOf(server.schools.a, model(), {
      givenName: "Nguyễn Thị Mai",
      familyName: "O'Brien-D'Angelo 李",
      gender: "X",
    });
    const put = await server.call("PUT", studentPath(studentId), { token, body });
    expect(put.status).toBe(201);
    expect(put.body.student).toMatchObject({
      studentId,
      givenName: "Nguyễn Thị Mai",
      familyName: "O'Brien-D'Angelo 李",
    });
    const read = await server.call("GET", studentPath(studentId), { token });
    expect(read.body.student).toEqual(put.body.student);
    const stored = (await readSchoolProblem(server.store, SCHOOL_A)).students.find((s) => s.studentId === studentId);
    expect(stored).toMatchObject({ givenName: "Nguyễn Thị Mai", familyName: "O'Brien-D'Angelo 李" });
    const unscheduled = await server.call("GET", schoolPath(SCHOOL_A, "/unscheduled"), { token });
    for (const row of unscheduled.body.unscheduled.filter((u: { studentId: string }) => u.studentId === studentId)) {
      expect(row.familyName).toBe("O'Brien-D'Angelo 李");
    }
  });

  it("names every field at fault for wrong types, missing and unknown fields (400), and changes nothing", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const reply = await server.call("PUT", studentPath("BAD-1"), {
      token,
      body: {
        grade: "seventh",
        iep: "yes",
        requests: [{ courseId: "ENG 7" }, { courseId: "MATH 7", priority: 0 }, { course: "X" }],
        nickname: "B",
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_body");
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "body.grade",
        "body.iep",
        "body.requests[1].priority",
        "body.requests[2].courseId",
        "body.requests[2].course",
        "body.nickname",
      ]),
    );
    const missing = await server.call("PUT", studentPath("BAD-1"), { token, body: { grade: 7 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["body.requests"]);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("refuses malformed JSON (400), another media type (415) and a body over the limit (413), changing nothing", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const malformed = await server.call("PUT", studentPath("BAD-2"), { token, raw: '{"grade": 7, "requests": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_json");
    const text = await server.call("PUT", studentPath("BAD-2"), {
      token,
      raw: "grade=7",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    const huge = await server.call("PUT", studentPath("BAD-2"), {
      token,
      body: { ...enrollmentOf(server.schools.a, model()), givenName: "x".repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("body_too_large");
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("answers 422 naming the field when an enrollment names a course or a section the school does not have", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const body = enrollmentOf(server.schools.a, model());
    const requests = body.requests as { courseId: string }[];
    const otherSection = server.schools.a.sections.find((s) => s.courseId !== requests[0]!.courseId)!;
    const reply = await server.call("PUT", studentPath("BAD-3"), {
      token,
      body: {
        ...body,
        requests: [
          { ...requests[0], lockedSectionId: otherSection.sectionId },
          ...requests.slice(1),
          { courseId: "UNDERWATER BASKET WEAVING" },
        ],
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("invalid_reference");
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(["body.requests[0].lockedSectionId", `body.requests[${requests.length}].courseId`]);
    const grade = await server.call("PUT", studentPath("BAD-3"), { token, body: { ...body, grade: 11 } });
    expect(grade.status).toBe(422);
    expect(grade.body.error.issues[0].path).toBe("body.grade");
    const team = await server.call("PUT", studentPath("BAD-3"), { token, body: { ...body, teamId: "NO SUCH TEAM" } });
    expect(team.status).toBe(422);
    expect(team.body.error.issues[0].path).toBe("body.teamId");
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("writes without seating when told place=false (placement skipped, live roster unchanged)", async () => {
    const liveBefore = (await liveRoster(server.store, SCHOOL_A))!.runId;
    const reply = await server.call("PUT", studentPath("LATE-8"), {
      token,
      body: enrollmentOf(server.schools.a, model(), { place: false }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.placement).toEqual({ status: "skipped" });
    expect((await liveRoster(server.store, SCHOOL_A))!.runId).toBe(liveBefore);
    // The next placement seats them too.
    const next = await server.call("PUT", studentPath("LATE-9"), {
      token,
      body: enrollmentOf(server.schools.a, model()),
    });
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    expect(live.runId).toBe(next.body.placement.runId);
    expect(seatsOf(live.roster.enrollments, "LATE-8").length).toBeGreaterThan(0);
  });

  it("drops a student, frees their seats, and answers 404 for one the school does not have", async () => {
    const leaver = server.schools.a.students[5]!.studentId;
    const before = (await liveRoster(server.store, SCHOOL_A))!;
    expect(seatsOf(before.roster.enrollments, leaver).length).toBeGreaterThan(0);
    const reply = await server.call("DELETE", studentPath(leaver), {
      token,
      headers: { "idempotency-key": "drop-leaver" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.placement.status).toBe("placed");
    const after = (await liveRoster(server.store, SCHOOL_A))!;
    expect(seatsOf(after.roster.enrollments, leaver)).toEqual([]);
    const retried = await server.call("DELETE", studentPath(leaver), {
      token,
      headers: { "idempotency-key": "drop-leaver" },
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(reply.body);
    const again = await server.call("DELETE", studentPath(leaver), { token });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("unknown_student");
    expect((await server.call("GET", studentPath(leaver), { token })).status).toBe(404);
  });

  it("answers 404 for a school the store does not have", async () => {
    const reply = await server.call("PUT", schoolPath("NO-SUCH-SCHOOL", "/students/S1"), {
      token: server.tokens.district,
      body: { grade: 7, requests: [] },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("unknown_school");
  });

  it("answers concurrent enrollments of one school each with their own seats, all in the store once", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `BURST-${i}`);
    const replies = await Promise.all(
      ids.map((id) => server.call("PUT", studentPath(id), { token, body: enrollmentOf(server.schools.a, model()) })),
    );
    for (const reply of replies) expect(reply.status).toBe(201);
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    for (const [i, id] of ids.entries()) {
      expect(problem.students.filter((s) => s.studentId === id)).toHaveLength(1);
      const placement = replies[i]!.body.placement;
      expect(placement.status).toBe("placed");
      // A later batch may have run since: the live roster is at least as new as each answer's run.
      expect(live.runId).toBeGreaterThanOrEqual(placement.runId);
      expect(seatsOf(live.roster.enrollments, id)).toEqual(
        placement.sections.map((s: { sectionId: string }) => s.sectionId).sort(),
      );
    }
  });
});
