import { afterAll, beforeAll, expect, it } from "vitest";
import { generatePreset, presetPlan, schoolSeed } from "../../fixtures/generate.ts";
import { generateSchool } from "../../fixtures/generate-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { EnrollmentInputError } from "../../src/enroll/enrollment-input-error.ts";
import { enrollStudent } from "../../src/enroll/enroll-student.ts";
import {
  closeStore,
  importProblem,
  listSchoolIds,
  readSchoolProblemVersioned,
  openStore,
  StudentInOtherSchoolError,
  upsertStudent,
  type Store,
} from "../../src/store/index.ts";
import { SCHOOLS_PER_CHECK } from "../../src/store/student-identity.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, trickySchool } from "./support/sample-problem.ts";

/** What the store holds of these schools: problems and versions. */
async function contents(store: Store, schoolIds: string[]) {
  const known = await listSchoolIds(store);
  return Promise.all(schoolIds.filter((id) => known.includes(id)).map((id) => readSchoolProblemVersioned(store, id)));
}

/** A copy of `school` under `schoolId` whose student IDs are `school`'s own (a collision). */
function sameStudentsAs(school: SchoolProblem, schoolId: string): SchoolProblem {
  const base = trickySchool(schoolId);
  return {
    ...base,
    students: school.students.map((s) => ({ ...s, schoolId })),
    requests: school.requests.map((r) => ({ ...r, schoolId })),
    avoid: school.avoid.map((a) => ({ ...a, schoolId })),
  };
}

/** The claims a refusal names when `intruder` lists every student of `owner`, in `owner`'s order. */
function borrowedFrom(owner: SchoolProblem, intruder: SchoolProblem) {
  return owner.students.map((s) => ({
    studentId: s.studentId,
    schoolId: intruder.school.schoolId,
    otherSchoolId: owner.school.schoolId,
  }));
}

forEachDatabase((database) => {
  let store: Store;
  let specs = 0;
  let a: SchoolProblem;
  beforeAll(async () => {
    store = await openStore(await database.create());
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });
  const fresh = async () => {
    a = trickySchool(`A'${++specs}`);
    await importProblem(store, districtOf(a));
  };

  it("refuses an import in which two schools list one student ID, naming it, and writes nothing", async () => {
    await fresh();
    const b = sameStudentsAs(a, `B'${specs}`);
    const c = trickySchool(`C'${specs}`);
    const before = await contents(store, [a.school.schoolId, b.school.schoolId, c.school.schoolId]);
    const refusal = importProblem(store, districtOf(c, b, sameStudentsAs(c, `D'${specs}`)));
    await expect(refusal).rejects.toThrow(StudentInOtherSchoolError);
    await expect(refusal).rejects.toThrow(
      `student ${JSON.stringify(c.students[0]!.studentId)} of "D'${specs}" is already at "C'${specs}"`,
    );
    expect(await contents(store, [a.school.schoolId, b.school.schoolId, c.school.schoolId])).toEqual(before);
  });

  it("refuses an import of a school whose student ID another school of the store has, all or nothing, and names both schools", async () => {
    await fresh();
    const intruder = sameStudentsAs(a, `B'${specs}`);
    const innocent = trickySchool(`C'${specs}`);
    const error = await importProblem(store, districtOf(innocent, intruder)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudentInOtherSchoolError);
    expect((error as StudentInOtherSchoolError).claims).toEqual(borrowedFrom(a, intruder));
    expect(await listSchoolIds(store)).not.toContain(innocent.school.schoolId);
    expect(await contents(store, [a.school.schoolId])).toEqual([{ problem: a, problemVersion: 1 }]);
  });

  it("checks an import of many schools a few at a time and still refuses the last school's borrowed students, naming them in order", async () => {
    await fresh();
    const innocents = Array.from({ length: 2 * SCHOOLS_PER_CHECK + 1 }, (_, i) => trickySchool(`E'${specs}-${i}`));
    const intruder = sameStudentsAs(a, `Z'${specs}`);
    const error = await importProblem(store, districtOf(...innocents, intruder)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudentInOtherSchoolError);
    expect((error as StudentInOtherSchoolError).claims).toEqual(borrowedFrom(a, intruder));
    expect(await listSchoolIds(store)).not.toContain(innocents[0]!.school.schoolId);
  });

  it("still re-imports a school with its own students, and lets a student move once the old school no longer lists them", async () => {
    await fresh();
    expect((await importProblem(store, districtOf(a))).versions).toEqual({ [a.school.schoolId]: 2 });
    const moving = a.students[3]!;
    const left = {
      ...a,
      students: a.students.filter((s) => s !== moving),
      requests: a.requests.filter((r) => r.studentId !== moving.studentId),
    };
    const b = trickySchool(`B'${specs}`);
    const joined = { ...b, students: [...b.students, { ...moving, schoolId: b.school.schoolId }] };
    await expect(importProblem(store, districtOf(joined))).rejects.toThrow(StudentInOtherSchoolError);
    // Both in one import: the old school drops the student as the new one takes them.
    await importProblem(store, districtOf(left, joined));
    expect(
      (await readSchoolProblemVersioned(store, b.school.schoolId)).problem.students.map((s) => s.studentId),
    ).toContain(moving.studentId);
  });

  it("refuses the high-school preset beside a district-small school: their generated student IDs collide", async () => {
    const highSchool = generatePreset("high-school", 1);
    const planned = presetPlan("district-small", 1)[0]!; // the preset's first school: ID block 0, as the high school's
    const small = generateSchool(planned.spec, schoolSeed(1, planned));
    const shared = new Set(highSchool.students.map((s) => s.studentId));
    expect(small.students.some((s) => shared.has(s.studentId))).toBe(true);
    await importProblem(store, joinSchools([small]));
    await expect(importProblem(store, joinSchools([highSchool]))).rejects.toThrow(
      /student IDs are unique across the district/,
    );
    expect(await listSchoolIds(store)).not.toContain(highSchool.school.schoolId);
  });

  it("refuses an enrollment of a student ID another school has, without naming that school, and changes nothing", async () => {
    await fresh();
    const b = trickySchool(`B'${specs}`);
    const c = trickySchool(`C'${specs}`);
    await importProblem(store, districtOf(b, c));
    const before = await contents(store, [a.school.schoolId, b.school.schoolId, c.school.schoolId]);
    const tryEnroll = (studentId: string) =>
      enrollStudent(store, a.school.schoolId, { ...a.students[0]!, studentId }, []).then(
        () => undefined,
        (e: unknown) => e as EnrollmentInputError,
      );
    const [inB, inC] = [await tryEnroll(b.students[0]!.studentId), await tryEnroll(c.students[0]!.studentId)];
    expect(inB).toBeInstanceOf(EnrollmentInputError);
    const said = (e: EnrollmentInputError | undefined, id: string) =>
      e!.issues.map((i) => i.message.replace(JSON.stringify(id), "ID"));
    expect(said(inB, b.students[0]!.studentId)).toEqual(said(inC, c.students[0]!.studentId));
    expect(inB!.message).not.toContain(JSON.stringify(b.school.schoolId));
    expect(await contents(store, [a.school.schoolId, b.school.schoolId, c.school.schoolId])).toEqual(before);
  });

  it("lets exactly one of two schools enrolling the same new student ID at the same moment have them", async () => {
    await fresh();
    const b = trickySchool(`B'${specs}`);
    await importProblem(store, districtOf(b));
    for (let round = 0; round < 5; round++) {
      const studentId = `NEW-${specs}-${round}`;
      const outcomes = await Promise.allSettled(
        [a, b].map((school) => upsertStudent(store, school.school.schoolId, { ...school.students[0]!, studentId }, [])),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
        StudentInOtherSchoolError,
      );
      const holders = (await contents(store, [a.school.schoolId, b.school.schoolId])).filter((c) =>
        c.problem.students.some((s) => s.studentId === studentId),
      );
      expect(holders).toHaveLength(1);
    }
  });
});
