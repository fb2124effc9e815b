import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { CourseRequest, SchoolProblem, Student } from "../../src/domain/problem.ts";
import { withStudent } from "../../src/domain/student-change.ts";
import {
  applyMigrations,
  closeStore,
  MIGRATIONS_ROOT,
  openStore,
  readSchoolProblem,
  schoolSizes,
  upsertStudent,
  type Store,
} from "../../src/store/index.ts";
import { requestBytes } from "../../src/store/request-bytes.ts";
import { forEachDatabase } from "./support/databases.ts";

/** The migration that moved course_request rows onto the student rows. */
const MIGRATION = "20261215000000_requests_on_student_row";

const S = `MS-O'Hara "Sur" 🦉`;
const student = (studentId: string, extra: Partial<Student> = {}): Student => ({
  schoolId: S,
  studentId,
  grade: 7,
  iep: false,
  ...extra,
});
const students = [
  student("S'1", { givenName: "Siobhán", familyName: "O'Brien", gender: "F" }),
  student("S\t2\\", { iep: true, email: "jose@example.org", teamId: "Owls 🦉" }),
  student("S3 (no requests)"),
  student("S4"),
];
const request = (studentId: string, courseId: string, extra: Partial<CourseRequest> = {}): CourseRequest => ({
  schoolId: S,
  studentId,
  courseId,
  priority: 1,
  ...extra,
});
/** In the school's order, with the positions the old table gave them: students' requests interleaved, gaps where a late enrollment had been. */
const requests: [number, CourseRequest][] = [
  [0, request("S'1", "MATH'6")],
  [1, request("S\t2\\", 'ELA "6"\n', { requiredSetting: "co_taught" })],
  [2, request("S'1", "ART ☀", { priority: 2, alternateFor: "MATH'6" })],
  [3, request("S'1", 'ELA "6"\n', { priority: 3 })],
  [7, request("S4", "PE\\", { lockedSectionId: "PE-1 \u0001" })],
  [8, request("S4", "𝔘𝔫𝔦", { priority: 4, alternateFor: "PE\\", requiredSetting: "general", lockedSectionId: "U-1" })],
  [12, request("S\t2\\", "MATH'6", { alternateFor: "", lockedSectionId: "M'1" })],
];
const expected: SchoolProblem = {
  school: { schoolId: S, name: "O'Hara", kind: "middle", gradeLow: 6, gradeHigh: 8, periods: 4, terms: ["Y"] },
  courses: [],
  teachers: [],
  rooms: [],
  sections: [],
  students,
  requests: requests.map(([, r]) => r),
  avoid: [],
};

/** The store as it was before the migration: every migration before it, and its rows in the old tables. */
async function storeBefore(url: string, root: string): Promise<Store> {
  const store = await openStore(url, { migrate: false });
  for (const name of await readdir(path.join(root, store.kind)))
    if (name >= MIGRATION) await rm(path.join(root, store.kind, name), { recursive: true });
  await applyMigrations(store, root);
  const run = (sql: string, ...args: unknown[]) => store.db.execute(sql, args);
  const { school } = expected;
  await run(
    `INSERT INTO school (id, name, kind, grade_low, grade_high, periods, position, problem_version, imported_at) VALUES ($1, $2, $3, $4, $5, $6, 0, 1, $7)`,
    school.schoolId,
    school.name,
    school.kind,
    school.gradeLow,
    school.gradeHigh,
    school.periods,
    new Date(),
  );
  await run(`INSERT INTO term (school_id, term_id, position) VALUES ($1, 'Y', 0)`, S);
  for (const [i, s] of students.entries())
    await run(
      `INSERT INTO student (school_id, student_id, position, grade, given_name, family_name, iep, gender, email, team_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      S,
      s.studentId,
      i,
      s.grade,
      s.givenName,
      s.familyName,
      s.iep,
      s.gender,
      s.email,
      s.teamId,
    );
  for (const [position, r] of requests)
    await run(
      `INSERT INTO course_request (school_id, position, student_id, course_id, priority, alternate_for, required_setting, locked_section_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      S,
      position,
      r.studentId,
      r.courseId,
      r.priority,
      r.alternateFor,
      r.requiredSetting,
      r.lockedSectionId,
    );
  return store;
}

forEachDatabase((database) => {
  afterAll(() => database.destroy());

  it("moves every course_request row of a store with data onto its student's row, in order and value for value, then drops the table", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "mse-migrations-"));
    await cp(MIGRATIONS_ROOT, root, { recursive: true });
    const store = await storeBefore(await database.create(), root);
    try {
      expect(await applyMigrations(store)).toEqual([MIGRATION]);
      expect(await readSchoolProblem(store, S)).toEqual(expected);
      expect(await schoolSizes(store, [S])).toEqual(new Map([[S, { students: 4, requests: 7 }]]));
      // The same text the store writes itself: one encoding, whoever wrote it.
      const rows = await store.db.query<{ student_id: string; requests: string }>(
        `SELECT student_id, requests FROM student WHERE school_id = $1 ORDER BY position`,
        [S],
      );
      const atPosition: CourseRequest[] = [];
      for (const [position, r] of requests) atPosition[position] = r;
      expect(rows.map((r) => r.requests)).toEqual(
        students.map((s) =>
          Buffer.from(
            requestBytes(
              atPosition,
              requests.filter(([, r]) => r.studentId === s.studentId).map(([position]) => position),
            ),
          ).toString("utf8"),
        ),
      );
      await expect(store.db.query(`SELECT * FROM course_request`, [])).rejects.toThrow();
      // A late enrollment's requests still go after all the others.
      const late = student("LATE'5");
      const lateRequests = [request("LATE'5", "ART ☀"), request("LATE'5", "MATH'6", { priority: 2 })];
      await upsertStudent(store, S, late, lateRequests);
      store.cache.problems.clear();
      expect(await readSchoolProblem(store, S)).toEqual(withStudent(expected, late, lateRequests));
    } finally {
      await closeStore(store);
      await rm(root, { recursive: true, force: true });
    }
  });
});
