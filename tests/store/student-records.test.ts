import { describe, expect, it } from "vitest";
import type { CourseRequest, Student } from "../../src/domain/problem.ts";
import { STUDENT_TABLE, studentFromRow, studentRecords, type StudentRecord } from "../../src/store/problem-tables.ts";
import { UnknownStudentError } from "../../src/store/store-errors.ts";
import { readRequests } from "../../src/store/student-requests.ts";

const school = "MS-O'Hara 🦉";
const student = (studentId: string): Student => ({ schoolId: school, studentId, grade: 6, iep: false });
const request = (studentId: string, courseId: string, extra: Partial<CourseRequest> = {}): CourseRequest => ({
  schoolId: school,
  studentId,
  courseId,
  priority: 1,
  ...extra,
});

const students = [student("S'1"), student('S"2'), student("S3 Zoë"), student("S4")];
/** The school's requests, each student's listed together and in the students' order (S4 has none). */
const together = [
  request("S'1", "MATH'6"),
  request("S'1", "ART ☀", { alternateFor: "MATH'6", priority: 2 }),
  request('S"2', "ELA\n6", { requiredSetting: "co_taught", lockedSectionId: "ELA-1" }),
  request("S3 Zoë", "PE"),
  request("S3 Zoë", "MATH'6", { priority: 3 }),
];

/** A record's requests column as text (a run of requests is written as its UTF-8 bytes). */
const requestsText = ({ requests }: StudentRecord) =>
  typeof requests === "string" ? requests : Buffer.from(requests).toString("utf8");

/** Each record's requests and their positions, read back. */
function readBack(records: ReturnType<typeof studentRecords>) {
  return records.map((record) => {
    const { student: s, requestCount } = record;
    const out = { requests: [] as CourseRequest[], positions: [] as number[], requestCount };
    readRequests(requestsText(record), school, s.studentId, out.requests, out.positions);
    return out;
  });
}

describe("a school's student rows, each with their requests", () => {
  it("gives each student their own requests, with their positions among the school's after the offset", () => {
    const back = readBack(studentRecords(school, students, together, 10));
    expect(back).toEqual([
      { requests: together.slice(0, 2), positions: [10, 11], requestCount: 2 },
      { requests: together.slice(2, 3), positions: [12], requestCount: 1 },
      { requests: together.slice(3, 5), positions: [13, 14], requestCount: 2 },
      { requests: [], positions: [], requestCount: 0 },
    ]);
  });

  it("writes the same rows whether the requests come student by student or not, positions kept", () => {
    const apart = [together[3]!, together[0]!, together[2]!, together[1]!, together[4]!];
    const back = readBack(studentRecords(school, students, apart));
    expect(back.map((b) => b.requests)).toEqual([
      [together[0], together[1]],
      [together[2]],
      [together[3], together[4]],
      [],
    ]);
    expect(back.map((b) => b.positions)).toEqual([[1, 3], [2], [0, 4], []]);
    // Students listed in another order than their requests: still each student's own.
    const reversed = studentRecords(school, [...students].reverse(), together);
    expect(reversed.map(requestsText)).toEqual(studentRecords(school, students, together).map(requestsText).reverse());
  });

  it("refuses a request of a student the school does not have, wherever it is listed", () => {
    for (const at of [0, 2, together.length]) {
      const stray = [...together.slice(0, at), request("S9", "PE"), ...together.slice(at)];
      expect(() => studentRecords(school, students, stray)).toThrow(UnknownStudentError);
      expect(() => studentRecords(school, students, stray)).toThrow(new UnknownStudentError(school, "S9").message);
    }
  });

  it("reads a student row back as the student it was written from, fields in the same order, absent ones absent", () => {
    const full: Student = {
      schoolId: school,
      studentId: "S'1",
      grade: 7,
      givenName: "Zoë",
      familyName: "O'Hara",
      iep: true,
      gender: "X",
      email: "zoe@example.org",
      teamId: "T-1",
    };
    const bare = student("S4");
    for (const s of [full, bare]) {
      const [record] = studentRecords(school, [s], []);
      // As SQLite gives it back: NULL for an absent field, 0/1 for a boolean.
      const row = STUDENT_TABLE.toRow(record!).map((v) => (typeof v === "boolean" ? Number(v) : v));
      const back = studentFromRow(row, school);
      expect(back).toStrictEqual(s);
      expect(Object.keys(back)).toEqual(Object.keys(s));
    }
  });
});
