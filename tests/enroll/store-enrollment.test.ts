import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import type { Enrollment } from "../../src/domain/roster.ts";
import { dropStudent } from "../../src/enroll/drop-student.ts";
import { enrollStudent, enrollStudents } from "../../src/enroll/enroll-student.ts";
import { EnrollmentInputError } from "../../src/enroll/enrollment-input-error.ts";
import { runIncremental } from "../../src/enroll/run-incremental.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import {
  closeStore,
  importProblem,
  liveRoster,
  readSchoolProblem,
  readSchoolProblemVersioned,
  openStore,
  publicationHistory,
  type Store,
} from "../../src/store/index.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { withReport } from "../../src/run/schedule-school.ts";
import { solveSchool } from "../../solver/solve-school.ts";

const school = generatePreset("tiny", 1);
const schoolId = school.school.schoolId;
const seatsOf = (rows: Enrollment[], studentId: string): string[] =>
  rows
    .filter((e) => e.studentId === studentId)
    .map((e) => e.sectionId)
    .sort();

describe("late enrollments against the store (SQLite)", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mse-enroll-"));
    store = await openStore(`file:${path.join(dir, "mse.db")}`);
    await importProblem(store, joinSchools([school]));
  });
  afterAll(async () => {
    await closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses an incremental run before the school has a live roster", async () => {
    await expect(runIncremental(store, schoolId, { seed: 1, quality: "quick" })).rejects.toThrow(/no live roster/);
  });

  it("drops a leaver, enrolls a newcomer, and publishes a run that keeps everyone else's seats", async () => {
    await runSchool(store, schoolId, {
      schedule: { seed: 1, quality: "quick", loader: "solver" },
      solve: async (problem, o) =>
        withReport(problem, await solveSchool(problem, { seed: o.seed, quality: o.quality, maxMoves: 2000 })),
    });
    const before = (await liveRoster(store, schoolId))!;
    const leaver = school.students.find((s) => seatsOf(before.roster.enrollments, s.studentId).length >= 3)!;
    const requests = school.requests.filter((r) => r.studentId === leaver.studentId);

    const v1 = await dropStudent(store, schoolId, leaver.studentId);
    const v2 = await enrollStudent(store, schoolId, { ...leaver, studentId: "LATE-1" }, requests);
    expect(v2).toBe(v1 + 1);

    const outcome = await runIncremental(store, schoolId, { seed: 2, quality: "quick" });
    expect(outcome.fromRunId).toBe(before.runId);
    expect(outcome.moved).toEqual([]);
    expect(outcome.displaced).toEqual([]);
    expect(outcome.published?.runId).toBe(outcome.runId);

    const after = (await liveRoster(store, schoolId))!;
    expect(after.runId).toBe(outcome.runId);
    expect(seatsOf(after.roster.enrollments, leaver.studentId)).toEqual([]);
    expect(seatsOf(after.roster.enrollments, "LATE-1").length).toBeGreaterThanOrEqual(
      seatsOf(before.roster.enrollments, leaver.studentId).length,
    );
    const lost = school.students
      .filter((s) => s.studentId !== leaver.studentId)
      .filter((s) => {
        const now = new Set(seatsOf(after.roster.enrollments, s.studentId));
        return seatsOf(before.roster.enrollments, s.studentId).some((id) => !now.has(id));
      });
    expect(lost).toEqual([]);
    const problem = await readSchoolProblem(store, schoolId);
    expect(validateRoster(joinSchools([problem]), [after.roster])).toEqual([]);
    expect((await publicationHistory(store, schoolId)).map((p) => p.runId)).toEqual([before.runId, outcome.runId]);
  });

  it("refuses a late student whose rows do not fit the school, naming each field at fault, and writes nothing", async () => {
    const before = await readSchoolProblem(store, schoolId);
    const model = school.students[0]!;
    const bad = enrollStudent(store, schoolId, { ...model, studentId: "BAD-1", grade: 12 }, [
      { schoolId, studentId: "BAD-1", courseId: "NO SUCH COURSE", priority: 1 },
      {
        schoolId,
        studentId: "BAD-1",
        courseId: school.courses[0]!.courseId,
        priority: 0,
        lockedSectionId: "NO SUCH SECTION",
      },
    ]);
    await expect(bad).rejects.toThrow(EnrollmentInputError);
    const issues = await bad.catch((error: EnrollmentInputError) => error.issues.map((i) => i.field));
    expect(issues).toEqual([
      "student.grade",
      "requests[0].courseId",
      "requests[1].priority",
      "requests[1].lockedSectionId",
    ]);
    expect(await readSchoolProblem(store, schoolId)).toEqual(before);
  });

  it("refuses a late student whose alternates go round in a circle (no roster could honour them), and writes nothing", async () => {
    const before = await readSchoolProblem(store, schoolId);
    const [a, b] = school.courses.filter(
      (c) => c.gradeLow <= school.students[0]!.grade && school.students[0]!.grade <= c.gradeHigh,
    );
    const refused = enrollStudent(store, schoolId, { ...school.students[0]!, studentId: "CIRCLE-1" }, [
      { schoolId, studentId: "CIRCLE-1", courseId: a!.courseId, priority: 1, alternateFor: b!.courseId },
      { schoolId, studentId: "CIRCLE-1", courseId: b!.courseId, priority: 2, alternateFor: a!.courseId },
    ]);
    await expect(refused).rejects.toThrow(/requests\[0\]\.alternateFor: the alternates go round in a circle/);
    expect(await readSchoolProblem(store, schoolId)).toEqual(before);
  });

  it("enrolls a wave of late students in one write, or none of them when one does not fit, naming its listing", async () => {
    const before = await readSchoolProblem(store, schoolId);
    const model = school.students[1]!;
    const requests = (studentId: string) =>
      school.requests.filter((r) => r.studentId === model.studentId).map((r) => ({ ...r, studentId }));
    const good = ["WAVE-1", "WAVE-2"].map((studentId) => ({
      student: { ...model, studentId },
      requests: requests(studentId),
    }));
    const bad = {
      student: { ...model, studentId: "WAVE-3" },
      requests: [{ schoolId, studentId: "WAVE-3", courseId: "NO SUCH COURSE", priority: 1 }],
    };
    const refused = enrollStudents(store, schoolId, [...good, bad]);
    await expect(refused).rejects.toThrow(EnrollmentInputError);
    expect(await refused.catch((error: EnrollmentInputError) => error.issues.map((i) => i.field))).toEqual([
      "students[2].requests[0].courseId",
    ]);
    expect(await readSchoolProblem(store, schoolId)).toEqual(before);

    const { problemVersion } = await readSchoolProblemVersioned(store, schoolId);
    expect(await enrollStudents(store, schoolId, good)).toBe(problemVersion + 1);
    const outcome = await runIncremental(store, schoolId, { seed: 3, quality: "quick" });
    expect(outcome.moved).toEqual([]);
    const live = (await liveRoster(store, schoolId))!;
    const problem = await readSchoolProblem(store, schoolId);
    expect(problem.students.filter((s) => s.studentId.startsWith("WAVE-")).map((s) => s.studentId)).toEqual([
      "WAVE-1",
      "WAVE-2",
    ]);
    expect(validateRoster(joinSchools([problem]), [live.roster])).toEqual([]);
  });

  it("refuses to drop a student the school does not have", async () => {
    await expect(dropStudent(store, schoolId, "NOBODY")).rejects.toThrow(/has no student "NOBODY"/);
  });
});
