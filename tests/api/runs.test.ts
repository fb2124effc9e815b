import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { listRuns, liveRoster, readSchoolProblem } from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { SCHOOL_A, SCHOOL_B, schoolPath, startApiServer, waitForJob, type ApiServer } from "./support/api-server.ts";

describe("runs, rosters and reports over HTTP", () => {
  let server: ApiServer;
  let token: string;
  beforeAll(async () => {
    server = await startApiServer();
    token = server.tokens.district;
  });
  afterAll(() => server.close());

  it("runs a school in full as a job: 202 with where to poll, then succeeded, published and valid", async () => {
    const started = await server.call("POST", schoolPath(SCHOOL_A, "/runs"), {
      token,
      body: { kind: "full", seed: 7 },
    });
    expect(started.status).toBe(202);
    expect(started.headers.get("location")).toBe(started.body.location);
    expect(started.body.job).toMatchObject({
      kind: "full",
      schoolIds: [SCHOOL_A],
      parameters: { seed: 7, quality: "quick", publish: true },
    });
    const job = await waitForJob(server, token, started.body.location);
    expect(job.status).toBe("succeeded");
    expect(job.result.published).toBe(true);
    expect(job.result.report.students).toBe(60);
    expect((await liveRoster(server.store, SCHOOL_A))!.runId).toBe(job.runId);
    expect(await server.validateLive(SCHOOL_A)).toEqual([]);
  });

  it("runs a school incrementally, keeping every seat", async () => {
    const before = (await liveRoster(server.store, SCHOOL_B))!;
    const started = await server.call("POST", schoolPath(SCHOOL_B, "/runs"), {
      token: server.tokens.counselorB,
      body: { kind: "incremental" },
    });
    const job = await waitForJob(server, server.tokens.counselorB, started.body.location);
    expect(job).toMatchObject({
      status: "succeeded",
      kind: "incremental",
      result: { moved: 0, displaced: 0, placedNew: 0 },
    });
    const after = (await liveRoster(server.store, SCHOOL_B))!;
    expect(after.runId).toBe(job.runId);
    expect([...after.roster.enrollments].sort(byStudentSection)).toEqual(
      [...before.roster.enrollments].sort(byStudentSection),
    );
    expect(await server.validateLive(SCHOOL_B)).toEqual([]);
  });

  it("runs the district as one job, reporting progress school by school", async () => {
    const started = await server.call("POST", "/v1/district/runs", { token, body: { seed: 3 } });
    expect(started.status).toBe(202);
    expect(started.body.job.jobId).toMatch(/^api-/);
    const second = await server.call("POST", "/v1/district/runs", { token, body: {} });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("district_run_in_progress");
    const job = await waitForJob(server, token, started.body.location);
    expect(job.status).toBe("succeeded");
    expect(job.progress).toMatchObject({
      schoolsTotal: 2,
      schoolsDone: 2,
      schoolsFailed: 0,
      studentsTotal: 120,
      studentsDone: 120,
    });
    expect(job.result.schoolsSucceeded).toBe(2);
    expect(job.result.failures).toEqual([]);
    for (const [schoolId, runId] of [
      [SCHOOL_A, job.result.runIds[0]],
      [SCHOOL_B, job.result.runIds[1]],
    ] as const) {
      const run = await server.call("GET", `/v1/runs/${runId}`, { token });
      expect(run.body).toMatchObject({
        schoolId,
        status: "succeeded",
        live: true,
        parameters: { districtRun: job.jobId },
      });
      expect(await server.validateLive(schoolId)).toEqual([]);
    }
    const history = await server.call("GET", "/v1/district/runs", { token });
    expect(history.body.current).toBeUndefined();
    expect(history.body.runs[0]).toMatchObject({
      districtRunId: job.jobId,
      trigger: "api",
      schools: 2,
      succeeded: 2,
      failed: 0,
      running: 0,
      students: 120,
    });
    const schools = await server.call("GET", "/v1/district/schools", { token });
    expect(schools.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([SCHOOL_A, SCHOOL_B]);
    for (const [i, school] of schools.body.schools.entries()) {
      expect(school).toMatchObject({ liveRunId: job.result.runIds[i], stale: false, lastRun: { status: "succeeded" } });
      expect(school.quality.students).toBe(60);
    }
  });

  it("names the unknown schools of a district run (422) and starts nothing", async () => {
    const runsBefore = (await listRuns(server.store, SCHOOL_A)).length;
    const reply = await server.call("POST", "/v1/district/runs", { token, body: { schools: [SCHOOL_A, "NOWHERE"] } });
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues).toEqual([{ path: "body.schools[1]", message: 'no school "NOWHERE"' }]);
    expect((await listRuns(server.store, SCHOOL_A)).length).toBe(runsBefore);
  });

  it("refuses a run body not as documented (400 naming the field) and starts nothing", async () => {
    const runsBefore = (await listRuns(server.store, SCHOOL_A)).length;
    const reply = await server.call("POST", schoolPath(SCHOOL_A, "/runs"), {
      token,
      body: { kind: "partial", seed: -1, quality: "best" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      "body.kind",
      "body.seed",
      "body.quality",
    ]);
    expect((await listRuns(server.store, SCHOOL_A)).length).toBe(runsBefore);
  });

  it("lists a school's runs newest first, reads one, and answers 404 for an unknown run and 400 for a malformed ID", async () => {
    const list = await server.call("GET", schoolPath(SCHOOL_A, "/runs?limit=2"), { token });
    expect(list.status).toBe(200);
    expect(list.body.runs).toHaveLength(2);
    expect(list.body.runs[0].runId).toBeGreaterThan(list.body.runs[1].runId);
    expect(list.body.runs.filter((r: { live: boolean }) => r.live)).toHaveLength(1);
    expect((await server.call("GET", "/v1/runs/999999", { token })).status).toBe(404);
    const malformed = await server.call("GET", "/v1/runs/first", { token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues[0].path).toBe("params.runId");
    const badQuery = await server.call("GET", schoolPath(SCHOOL_A, "/runs?limit=lots&order=asc"), { token });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["query.limit", "query.order"]);
    expect((await server.call("GET", schoolPath("NOWHERE", "/runs"), { token })).status).toBe(404);
    expect((await server.call("GET", "/v1/jobs/j-unknown", { token })).status).toBe(404);
  });

  it("serves the live roster and unscheduled list that, put together, pass the validator", async () => {
    const roster = await server.call("GET", schoolPath(SCHOOL_B, "/roster"), { token: server.tokens.counselorB });
    const unscheduled = await server.call("GET", schoolPath(SCHOOL_B, "/unscheduled"), {
      token: server.tokens.counselorB,
    });
    expect(roster.status).toBe(200);
    expect(unscheduled.status).toBe(200);
    expect(unscheduled.body.runId).toBe(roster.body.runId);
    for (const row of unscheduled.body.unscheduled) expect(row.reason).toMatch(/^[a-z_]+$/);
    const rebuilt: SchoolRoster = {
      schoolId: roster.body.schoolId,
      sections: roster.body.sections,
      enrollments: roster.body.enrollments,
      unscheduled: unscheduled.body.unscheduled.map(
        (u: { studentId: string; courseId: string; priority: number; reason: string }) => ({
          studentId: u.studentId,
          courseId: u.courseId,
          priority: u.priority,
          reason: u.reason,
        }),
      ),
    };
    const problem = await readSchoolProblem(server.store, SCHOOL_B);
    expect(validateRoster(joinSchools([problem]), [rebuilt])).toEqual([]);
  });

  it("serves the report of the live run and the conflict matrix", async () => {
    const report = await server.call("GET", schoolPath(SCHOOL_A, "/report"), { token: server.tokens.qa });
    expect(report.status).toBe(200);
    expect(report.body.runId).toBe((await liveRoster(server.store, SCHOOL_A))!.runId);
    expect(report.body.report).toMatchObject({ schoolId: SCHOOL_A, students: 60 });
    expect(report.body.report.primaryMet).toBeLessThanOrEqual(report.body.report.primaryRequests);
    const matrix = await server.call("GET", schoolPath(SCHOOL_A, "/conflict-matrix"), { token: server.tokens.qa });
    expect(matrix.status).toBe(200);
    const eng6 = matrix.body.courses.find((c: { courseId: string }) => c.courseId === "ENG 6");
    const problem = await readSchoolProblem(server.store, SCHOOL_A);
    expect(eng6.students).toBe(
      new Set(problem.requests.filter((r) => r.courseId === "ENG 6" && !r.alternateFor).map((r) => r.studentId)).size,
    );
    expect(matrix.body.pairs[0].students).toBeGreaterThanOrEqual(matrix.body.pairs.at(-1).students);
    // Each section's fill: seats taken over capacity, adding up to the report's enrollments.
    const offered = problem.sections.filter((s) => s.capacity > 0);
    expect(report.body.sectionFills).toHaveLength(offered.length);
    const seatsTaken = offered.reduce((sum, s, i) => sum + report.body.sectionFills[i] * s.capacity, 0);
    expect(Math.round(seatsTaken)).toBe(report.body.report.enrollments);
  });

  it("runs a benchmark for qa and names a bad preset (400)", async () => {
    const ok = await server.call("POST", "/v1/benchmarks", {
      token: server.tokens.qa,
      body: { preset: "tiny", seed: 2, quality: "quick" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ preset: "tiny", seed: 2, violations: 0 });
    const history = await server.call("GET", "/v1/benchmarks", { token: server.tokens.qa });
    expect(history.body.benchmarks[0]).toMatchObject({ preset: "tiny", seed: 2, quality: "quick", violations: 0 });
    expect(history.body.benchmarks[0].report).toEqual(ok.body.report);
    const bad = await server.call("POST", "/v1/benchmarks", { token: server.tokens.qa, body: { preset: "district" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.preset");
  });
});

const byStudentSection = (a: { studentId: string; sectionId: string }, b: { studentId: string; sectionId: string }) =>
  a.studentId.localeCompare(b.studentId) || a.sectionId.localeCompare(b.sectionId);
