import { afterAll, beforeAll, expect, it } from "vitest";
import { apiContext, closeApp, createApp } from "../../src/api/app.ts";
import { recoverAtStart } from "../../src/enroll/recover-at-start.ts";
import { failRun, listSchoolIds, readSchoolProblem, startRun } from "../../src/store/index.ts";
import { validateSchoolRoster } from "../../solver/check/validate-roster.ts";
import { forEachDatabase } from "../store/support/databases.ts";
import {
  enrollmentOf,
  problemFiles,
  SCHOOL_A,
  SCHOOL_B,
  schoolPath,
  startApiServer,
  tinyAs,
  waitForJob,
  type ApiServer,
} from "./support/api-server.ts";

const studentPath = (schoolId: string, studentId: string) =>
  schoolPath(schoolId, `/students/${encodeURIComponent(studentId)}`);

forEachDatabase((database) => {
  let server: ApiServer;
  let district: string;
  beforeAll(async () => {
    server = await startApiServer({ url: await database.create() });
    district = server.tokens.district;
  });
  afterAll(async () => {
    await server.close();
    await database.destroy();
  });

  /** Re-places every stale school, as a starting server does; then every live roster is valid and none stale. */
  async function restartRecovery() {
    await recoverAtStart(server.store);
    for (const id of [SCHOOL_A, SCHOOL_B]) {
      expect(await server.validateLive(id)).toEqual([]);
      const roster = await server.call("GET", schoolPath(id, "/roster"), { token: district });
      expect([roster.status, roster.body.stale]).toEqual([200, false]);
    }
  }

  it("marks the school stale when a student is dropped without placing, refuses the roster that no longer validates unless asked, and a starting server re-places it", async () => {
    const token = server.tokens.counselorA;
    const gone = server.schools.a.students[0]!.studentId;
    const dropped = await server.call("DELETE", `${studentPath(SCHOOL_A, gone)}?place=false`, { token });
    expect(dropped.status).toBe(200);
    const schools = await server.call("GET", "/v1/schools", { token });
    expect(schools.body.schools).toEqual([{ schoolId: SCHOOL_A, liveRunId: expect.any(Number), stale: true }]);
    expect((await server.call("GET", schoolPath(SCHOOL_A, "/report"), { token })).body.stale).toBe(true);

    for (const route of ["/roster", "/unscheduled"]) {
      const refused = await server.call("GET", schoolPath(SCHOOL_A, route), { token });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("roster_invalid");
      expect(refused.body.error.message).toContain("unknown-student");
    }
    const asked = await server.call("GET", `${schoolPath(SCHOOL_A, "/roster")}?allowInvalid=true`, { token });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ stale: true, violations: expect.any(Number) });
    expect(asked.body.enrollments.some((e: { studentId: string }) => e.studentId === gone)).toBe(true);

    await restartRecovery();
  });

  it("marks the school stale when a student's grade and requests change without placing, and refuses the roster that then breaks grade eligibility", async () => {
    const token = server.tokens.counselorA;
    const school = server.schools.a;
    const seated = school.students.find((s) => s.grade < school.school.gradeHigh)!;
    const body = enrollmentOf(school, seated.studentId, { grade: school.school.gradeHigh, place: false });
    const changed = await server.call("PUT", studentPath(SCHOOL_A, seated.studentId), { token, body });
    expect([changed.status, changed.body.placement.status]).toEqual([200, "skipped"]);
    const refused = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues.length).toBeGreaterThan(0);
    await restartRecovery();
  });

  it("hands out the seats but refuses the unscheduled list of a school with a newcomer written but never seated (as a crash between the write and the run leaves it); a starting server seats them", async () => {
    const token = server.tokens.counselorA;
    const late = await server.call("PUT", studentPath(SCHOOL_A, "A-LATE-1"), {
      token,
      body: enrollmentOf(server.schools.a, server.schools.a.students[5]!.studentId, { place: false }),
    });
    expect(late.status).toBe(201);
    const roster = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
    expect([roster.status, roster.body.stale, roster.body.violations]).toEqual([200, true, 0]);
    const unscheduled = await server.call("GET", schoolPath(SCHOOL_A, "/unscheduled"), { token });
    expect(unscheduled.status).toBe(409);
    expect(unscheduled.body.error.issues.map((i: { message: string }) => i.message).join("\n")).toContain("A-LATE-1");
    await restartRecovery();
    const student = await server.call("GET", studentPath(SCHOOL_A, "A-LATE-1"), { token });
    expect(student.body.sections.length + student.body.unmet.length).toBeGreaterThan(0);
  });

  it("hands out the seats of a roster stale only by newcomers and leavers being placed without a whole-school check (no seat of theirs can break a rule), and still checks the unscheduled list", async () => {
    const token = server.tokens.counselorA;
    const checks = () => apiContext(server.app).checkPool.current?.completed ?? 0;
    const model = server.schools.a.students[7]!.studentId;
    for (const id of ["A-LATE-2", "A-LATE-3"]) {
      const late = await server.call("PUT", studentPath(SCHOOL_A, id), {
        token,
        body: enrollmentOf(server.schools.a, model, { place: false }),
      });
      expect(late.status).toBe(201);
    }
    const before = checks();
    const roster = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
    expect([roster.status, roster.body.stale, roster.body.violations]).toEqual([200, true, 0]);
    expect(
      roster.body.enrollments.some((e: { studentId: string }) => ["A-LATE-2", "A-LATE-3"].includes(e.studentId)),
    ).toBe(false);
    expect(checks()).toBe(before);
    const unscheduled = await server.call("GET", schoolPath(SCHOOL_A, "/unscheduled"), { token });
    expect(unscheduled.status).toBe(409);
    expect(checks()).toBe(before + 1);
    // A seated student dropped with no run coming: the seats are checked again, and refused (their seats name nobody).
    const seated = roster.body.enrollments[0].studentId as string;
    const dropped = await server.call("DELETE", `${studentPath(SCHOOL_A, seated)}?place=false`, { token });
    expect(dropped.status).toBe(200);
    const refused = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
    expect(refused.status).toBe(409);
    expect(checks()).toBe(before + 2);
    await restartRecovery();
  });

  it("hands out the seats of a school whose leaver waits to be placed by the run under way (a district run's), without the leaver, rather than refusing them", async () => {
    const token = server.tokens.counselorA;
    const before = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
    const leaver = before.body.enrollments[0].studentId as string;
    // Another run holds the school (a district run's, here or on another server): the leaver's placement is deferred to it.
    const held = await startRun(server.store, SCHOOL_A, { seed: 9 });
    try {
      const dropped = await server.call("DELETE", studentPath(SCHOOL_A, leaver), { token });
      expect([dropped.status, dropped.body.placement.status, dropped.body.placement.reason]).toEqual([
        200,
        "deferred",
        "run_in_progress",
      ]);
      const served = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token });
      expect([served.status, served.body.stale]).toEqual([200, true]);
      expect(served.body.enrollments.some((e: { studentId: string }) => e.studentId === leaver)).toBe(false);
      // The seats handed out keep every hard constraint of the school as it is now.
      const problem = await readSchoolProblem(server.store, SCHOOL_A);
      const violations = validateSchoolRoster(problem, {
        schoolId: SCHOOL_A,
        sections: served.body.sections,
        enrollments: served.body.enrollments,
        unscheduled: [],
      }).filter((v) => v.constraint !== "unscheduled-list");
      expect(violations).toEqual([]);
    } finally {
      await failRun(server.store, held, new Error("the district run gave the school up"));
    }
    await restartRecovery();
  });

  it("answers a counselor's enrollment of another school's student ID the same way whichever school has it, naming none, and changes nothing", async () => {
    const token = server.tokens.counselorA;
    const c = tinyAs("MS-C", 3, "C");
    await server.call("PUT", schoolPath("MS-C", "/problem"), {
      token: district,
      body: { files: await problemFiles(c) },
    });
    const before = await server.snapshot(SCHOOL_A);
    const answer = async (studentId: string) => {
      const reply = await server.call("PUT", studentPath(SCHOOL_A, studentId), {
        token,
        body: enrollmentOf(server.schools.a, server.schools.a.students[1]!.studentId),
      });
      return {
        status: reply.status,
        body: JSON.stringify({ ...reply.body.error, requestId: undefined }).replaceAll(
          JSON.stringify(studentId).slice(1, -1),
          "ID",
        ),
      };
    };
    const [inB, inC] = [await answer(server.schools.b.students[0]!.studentId), await answer(c.students[0]!.studentId)];
    expect(inB.status).toBe(422);
    expect(inB).toEqual(inC);
    for (const schoolId of [SCHOOL_B, "MS-C"]) expect(inB.body).not.toContain(schoolId);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("refuses an upload whose students another school has (422 student_in_other_school, naming the IDs but no school) and imports nothing", async () => {
    const intruder = tinyAs("MS-D", 4, "D");
    const borrowed = server.schools.b.students[0]!;
    const replaced = intruder.students[0]!.studentId;
    const files = await problemFiles({
      ...intruder,
      students: [{ ...borrowed, schoolId: "MS-D", grade: intruder.students[0]!.grade }, ...intruder.students.slice(1)],
      requests: intruder.requests.filter((r) => r.studentId !== replaced),
      avoid: intruder.avoid.filter((a) => a.studentId !== replaced && a.otherStudentId !== replaced),
    });
    const reply = await server.call("PUT", schoolPath("MS-D", "/problem"), { token: district, body: { files } });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("student_in_other_school");
    expect(reply.body.error.issues).toEqual([
      expect.objectContaining({
        file: "students.csv",
        message: expect.stringContaining(JSON.stringify(borrowed.studentId)),
      }),
    ]);
    expect(JSON.stringify(reply.body)).not.toContain(SCHOOL_B);
    expect(await listSchoolIds(server.store)).not.toContain("MS-D");
  });

  it("answers GET /v1/jobs/:id from the store after the server that ran the job is gone", async () => {
    const started = await server.call("POST", schoolPath(SCHOOL_B, "/runs"), {
      token: district,
      body: { kind: "incremental" },
    });
    const done = await waitForJob(server, district, started.body.location);
    expect(done.status).toBe("succeeded");
    // Another app on the same store: a restarted server, or another server of the district.
    const other = createApp(server.store, { threads: 1, checkReplies: true });
    const listening = await new Promise<import("node:http").Server>((resolve) => {
      const s = other.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const { port } = listening.address() as import("node:net").AddressInfo;
      const reply = await fetch(`http://127.0.0.1:${port}${started.body.location}`, {
        headers: { authorization: `Bearer ${district}` },
      });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual(done);
    } finally {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
      await closeApp(other);
    }
  });
});
