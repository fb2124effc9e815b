import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { CourseRequest, SchoolProblem, Student } from "../../src/domain/problem.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { withoutStudent, withStudent, withStudents } from "../../src/domain/student-change.ts";
import {
  importProblem,
  readSchoolProblem,
  readSchoolProblemVersioned,
  closeStore,
  openStore,
  failRun,
  publishRun,
  saveRunResult,
  startRun,
  PublishRefusedError,
  StudentInOtherSchoolError,
  UnknownSchoolError,
  UnknownStudentError,
  type Store,
  removeStudent,
  upsertStudent,
  upsertStudents,
} from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { forEachDatabase } from "./support/databases.ts";
import { trickySchool } from "./support/sample-problem.ts";
import { tinySchool } from "./support/tiny-school.ts";
import { countRows } from "./support/count-rows.ts";

type Row = Record<string, unknown>;

/** The raw rows of one student-keyed table of a school, with their positions. */
const rawRows = (store: Store, table: string, schoolId: string) =>
  store.db.query<Row>(`SELECT * FROM "${table}" WHERE school_id = $1 ORDER BY position`, [schoolId]);

/** Every student-keyed row of a school, but those naming `studentId`. */
async function rowsOfOthers(store: Store, schoolId: string, studentId: string): Promise<Row[][]> {
  const names = (r: Row) => r.student_id === studentId || r.other_student_id === studentId;
  return Promise.all(
    ["student", "avoid_pair"].map(async (t) => (await rawRows(store, t, schoolId)).filter((r) => !names(r))),
  );
}

const version = async (store: Store, schoolId: string) =>
  (await readSchoolProblemVersioned(store, schoolId)).problemVersion;

/** The school as the database holds it, not as this process's cache remembers it. */
async function readBack(store: Store, schoolId: string): Promise<SchoolProblem> {
  store.cache.problems.delete(schoolId);
  return readSchoolProblem(store, schoolId);
}

forEachDatabase((database) => {
  let store: Store;
  let tiny: SchoolProblem;
  let tricky: SchoolProblem;
  let specs = 0;
  beforeAll(async () => {
    store = await openStore(await database.create());
  });
  beforeEach(async () => {
    specs++;
    tiny = tinySchool(`MS-tiny'${specs}`);
    tricky = trickySchool(`MS-O'Hara #${specs}`);
    await importProblem(store, joinSchools([tiny, tricky]));
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  /** A late student of the tiny school, like its first one but for `studentId`, with that student's requests. */
  function lateStudent(studentId: string): { student: Student; requests: CourseRequest[] } {
    const model = tiny.students[0]!;
    return {
      student: { ...model, studentId, givenName: "Zoë", familyName: 'O\'Neill; "Jr."', gender: undefined },
      requests: tiny.requests.filter((r) => r.studentId === model.studentId).map((r) => ({ ...r, studentId })),
    };
  }

  it("upsertStudent adds a late student exactly as withStudent computes it, writes no other student's rows and bumps the version", async () => {
    const id = tiny.school.schoolId;
    const late = lateStudent("LATE-O'Brien 🦉");
    const before = await readSchoolProblem(store, id);
    const others = await rowsOfOthers(store, id, late.student.studentId);
    expect(await upsertStudent(store, id, late.student, late.requests)).toBe(2);
    expect(await version(store, id)).toBe(2);
    expect(await readBack(store, id)).toEqual(withStudent(before, late.student, late.requests));
    expect(await rowsOfOthers(store, id, late.student.studentId)).toEqual(others);
    // The other school is untouched.
    expect(await readSchoolProblem(store, tricky.school.schoolId)).toEqual(tricky);
    expect(await version(store, tricky.school.schoolId)).toBe(1);
  });

  it("upsertStudent replaces a student's row in its place and their requests with the new ones, leaving their avoid pairs", async () => {
    const id = tricky.school.schoolId;
    const existing = tricky.students[0]!;
    const changed: Student = { ...existing, grade: 7, familyName: "O'Brien-Núñez", gender: undefined };
    const requests: CourseRequest[] = [
      { schoolId: id, studentId: existing.studentId, courseId: "ART", priority: 1, requiredSetting: "general" },
    ];
    const before = await readSchoolProblem(store, id);
    const others = await rowsOfOthers(store, id, existing.studentId);
    expect(await upsertStudent(store, id, changed, requests)).toBe(2);
    const after = await readBack(store, id);
    // The student's row keeps its place; the requests come after every other request.
    expect(after).toEqual(withStudent(before, changed, requests));
    expect(after.students.map((s) => s.studentId)).toEqual(before.students.map((s) => s.studentId));
    expect(after.avoid).toEqual(tricky.avoid);
    expect(await rowsOfOthers(store, id, existing.studentId)).toEqual(others);
  });

  it("removeStudent drops the student's row, requests and every avoid pair naming them, as withoutStudent computes it", async () => {
    const id = tricky.school.schoolId;
    const leaver = tricky.avoid[0]!.otherStudentId;
    const before = await readSchoolProblem(store, id);
    expect(before.avoid).toHaveLength(1);
    expect(await removeStudent(store, id, leaver)).toBe(2);
    const after = await readBack(store, id);
    expect(after).toEqual(withoutStudent(before, leaver));
    expect(after.avoid).toEqual([]);
    expect(after.requests.some((r) => r.studentId === leaver)).toBe(false);
    expect(await readSchoolProblem(store, tiny.school.schoolId)).toEqual(tiny);
  });

  it("removeStudent of a student the school does not have throws UnknownStudentError and changes nothing", async () => {
    const id = tricky.school.schoolId;
    // The tiny school's student is not the tricky school's.
    await expect(removeStudent(store, id, tiny.students[0]!.studentId)).rejects.toThrow(UnknownStudentError);
    await expect(removeStudent(store, id, "nobody's")).rejects.toThrow(/has no student "nobody's"/);
    expect(await version(store, id)).toBe(1);
    expect(await readSchoolProblem(store, id)).toEqual(tricky);
  });

  it("throws UnknownSchoolError for a school not in the store, writing nothing", async () => {
    const late = lateStudent("LATE-1");
    await expect(upsertStudent(store, "no such school", late.student, late.requests)).rejects.toThrow(
      UnknownSchoolError,
    );
    await expect(removeStudent(store, "no such school", "LATE-1")).rejects.toThrow(UnknownSchoolError);
    expect(await countRows(store, "student", "school_id = $1", "no such school")).toBe(0);
  });

  it("a run started before an upsert or a removal can no longer be published; one started after can", async () => {
    const id = tiny.school.schoolId;
    const late = lateStudent("LATE-2");
    for (const change of [
      () => upsertStudent(store, id, late.student, late.requests),
      () => removeStudent(store, id, late.student.studentId),
    ]) {
      const problem = await readSchoolProblem(store, id);
      const roster = (await solveSchool(problem, { seed: 1, quality: "quick", maxMoves: 2000 })).roster;
      expect(validateRoster(joinSchools([problem]), [roster])).toEqual([]);
      const early = await startRun(store, id, { seed: 1 });
      await change();
      // Saved and published in one transaction, as runSchool does: refused, so nothing of it is kept.
      await expect(saveRunResult(store, early, { roster }, { publish: true })).rejects.toThrow(PublishRefusedError);
      expect(await countRows(store, "assignment", "run_id = $1", early.runId)).toBe(0);
      await failRun(store, early, new Error("problem changed"));
      await expect(publishRun(store, early.runId)).rejects.toThrow(/its status is failed/);
      const current = await readSchoolProblem(store, id);
      const next = await startRun(store, id, { seed: 2 });
      const fresh = (await solveSchool(current, { seed: 2, quality: "quick", maxMoves: 2000 })).roster;
      expect(validateRoster(joinSchools([current]), [fresh])).toEqual([]);
      expect(await saveRunResult(store, next, { roster: fresh }, { publish: true })).toMatchObject({ changed: true });
    }
  });

  it("upsertStudents writes a wave of students in one version step, read back as withStudents computes it, a student listed twice ending as listed last", async () => {
    const id = tiny.school.schoolId;
    const [a, b] = [lateStudent("WAVE-A O'Hara"), lateStudent("WAVE-B 李")];
    const existing = {
      student: { ...tiny.students[4]!, grade: tiny.students[4]!.grade },
      requests: tiny.requests.filter((r) => r.studentId === tiny.students[4]!.studentId).slice(0, 1),
    };
    const aAgain = { student: { ...a.student, familyName: "O'Hara-Núñez" }, requests: a.requests.slice(0, 2) };
    const wave = [a, existing, b, aAgain];
    const before = await readSchoolProblem(store, id);
    expect(await upsertStudents(store, id, wave)).toBe(2);
    const after = await readBack(store, id);
    expect(after).toEqual(withStudents(before, wave));
    expect(after).toEqual(wave.reduce((p, w) => withStudent(p, w.student, w.requests), before));
    expect(after.students.find((s) => s.studentId === a.student.studentId)!.familyName).toBe("O'Hara-Núñez");
    expect(await readSchoolProblem(store, id)).toEqual(after);
  });

  it("refuses a student new to the school whose ID another school has (IDs are unique across the district), writing nothing", async () => {
    const id = tiny.school.schoolId;
    const other = tricky.students.find((s) => !tiny.students.some((t) => t.studentId === s.studentId))!;
    const before = await readBack(store, id);
    await expect(
      upsertStudent(store, id, { ...other, schoolId: id, grade: tiny.students[0]!.grade }, []),
    ).rejects.toThrow(
      new StudentInOtherSchoolError([
        { studentId: other.studentId, schoolId: id, otherSchoolId: tricky.school.schoolId },
      ]).message,
    );
    await expect(
      upsertStudents(store, id, [lateStudent("WAVE-ok"), { student: { ...other, schoolId: id }, requests: [] }]),
    ).rejects.toThrow(StudentInOtherSchoolError);
    expect(await version(store, id)).toBe(1);
    expect(await readBack(store, id)).toEqual(before);
  });

  it("keeps this process's cached problem equal to what the database holds after each change", async () => {
    const id = tiny.school.schoolId;
    const late = lateStudent("LATE-4 Nguyễn");
    await readSchoolProblem(store, id);
    await upsertStudent(store, id, late.student, late.requests);
    const cachedAfterAdd = await readSchoolProblem(store, id);
    expect(await readBack(store, id)).toEqual(cachedAfterAdd);
    await removeStudent(store, id, tiny.students[2]!.studentId);
    const cachedAfterDrop = await readSchoolProblem(store, id);
    expect(await readBack(store, id)).toEqual(cachedAfterDrop);
    expect(cachedAfterDrop.students.some((s) => s.studentId === tiny.students[2]!.studentId)).toBe(false);
  });

  it("leaves positions that a re-import of the school reads back the same", async () => {
    const id = tiny.school.schoolId;
    const late = lateStudent("LATE-3");
    await upsertStudent(store, id, late.student, late.requests);
    await removeStudent(store, id, tiny.students[3]!.studentId);
    await upsertStudent(store, id, { ...tiny.students[10]!, grade: 8 }, late.requests.slice(0, 2));
    const changed = await readSchoolProblem(store, id);
    await importProblem(store, joinSchools([changed]));
    expect(await readSchoolProblem(store, id)).toEqual(changed);
    expect(await version(store, id)).toBe(5);
  });
});
