/**
 * How a school's problem is laid out in tables, both ways: each domain row to the values of
 * its table row, and a table row back to the domain row. Optional fields are NULL when not
 * given and come back undefined; lists are JSON text; `position` keeps the input order. A
 * student's requests are a column of the student's row (student-requests.ts).
 */
import type {
  AvoidPair,
  Course,
  CourseRequest,
  Room,
  SchoolProblem,
  Section,
  Setting,
  Student,
  Teacher,
} from "../domain/problem.ts";
import type { BulkColumn } from "./bulk-insert.ts";
import { optional, toBoolean, toNumber } from "./sql.ts";
import { UnknownStudentError } from "./store-errors.ts";
import { requestBytes, requestRunBytes } from "./request-bytes.ts";

/** A row read back: its values in the order of the table's `columns`. */
type Row = readonly unknown[];

export interface ProblemTable<T> {
  table: string;
  /** The table's columns after school_id and position, in the order toRow writes them and fromRow reads them. */
  columns: BulkColumn[];
  rowsOf: (problem: SchoolProblem) => readonly T[];
  toRow: (item: T) => unknown[];
  fromRow: (row: Row, schoolId: string) => T;
}

const text = (name: string): BulkColumn => ({ name, type: "text" });
const integer = (name: string): BulkColumn => ({ name, type: "integer" });
const real = (name: string): BulkColumn => ({ name, type: "double precision" });
const boolean = (name: string): BulkColumn => ({ name, type: "boolean" });

const str = (v: unknown) => String(v);
const optStr = (v: unknown) => optional(v as string | null);
const optNum = (v: unknown) => (v === null || v === undefined ? undefined : toNumber(v));
const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;

/**
 * Leaves out keys whose value is undefined, so a row read back equals the row imported. Copies
 * rather than deleting: `delete` turns an object into a slow dictionary, and every later pass
 * over the school (the solver's compile, an incremental run) ran two to three times slower.
 */
function defined<T extends object>(row: T): T {
  const out = {} as T;
  for (const key in row) if (row[key] !== undefined) out[key] = row[key];
  return out;
}

export const COURSE_TABLE: ProblemTable<Course> = {
  table: "course",
  columns: [
    text("course_id"),
    text("title"),
    integer("grade_low"),
    integer("grade_high"),
    text("subject"),
    real("credits"),
  ],
  rowsOf: (p) => p.courses,
  toRow: (c) => [c.courseId, c.title, c.gradeLow, c.gradeHigh, c.subject ?? null, c.credits ?? null],
  fromRow: (r, schoolId) =>
    defined({
      schoolId,
      courseId: str(r[0]),
      title: str(r[1]),
      gradeLow: toNumber(r[2]),
      gradeHigh: toNumber(r[3]),
      subject: optStr(r[4]),
      credits: optNum(r[5]),
    }),
};

export const TEACHER_TABLE: ProblemTable<Teacher> = {
  table: "teacher",
  columns: [
    text("teacher_id"),
    text("given_name"),
    text("family_name"),
    integer("max_sections"),
    integer("max_students"),
    text("unavailable_periods"),
    boolean("special_education"),
    text("qualified_courses"),
    text("email"),
  ],
  rowsOf: (p) => p.teachers,
  toRow: (t) => [
    t.teacherId,
    t.givenName ?? null,
    t.familyName ?? null,
    t.maxSections ?? null,
    t.maxStudents ?? null,
    JSON.stringify(t.unavailablePeriods),
    t.specialEducation,
    JSON.stringify(t.qualifiedCourses),
    t.email ?? null,
  ],
  fromRow: (r, schoolId) =>
    defined({
      schoolId,
      teacherId: str(r[0]),
      givenName: optStr(r[1]),
      familyName: optStr(r[2]),
      maxSections: optNum(r[3]),
      maxStudents: optNum(r[4]),
      unavailablePeriods: json<number[]>(r[5]),
      specialEducation: toBoolean(r[6]),
      qualifiedCourses: json<string[]>(r[7]),
      email: optStr(r[8]),
    }),
};

export const ROOM_TABLE: ProblemTable<Room> = {
  table: "room",
  columns: [text("room_id"), integer("capacity")],
  rowsOf: (p) => p.rooms,
  toRow: (r) => [r.roomId, r.capacity],
  fromRow: (r, schoolId) => ({ schoolId, roomId: str(r[0]), capacity: toNumber(r[1]) }),
};

export const SECTION_TABLE: ProblemTable<Section> = {
  table: "section",
  columns: [
    text("section_id"),
    text("course_id"),
    integer("capacity"),
    text("teacher_id"),
    text("co_teacher_id"),
    text("room_id"),
    integer("period"),
    text("terms"),
    text("setting"),
    integer("iep_capacity"),
    boolean("locked"),
    text("team_id"),
    text("link_id"),
    integer("length"),
  ],
  rowsOf: (p) => p.sections,
  toRow: (s) => [
    s.sectionId,
    s.courseId,
    s.capacity,
    s.teacherId ?? null,
    s.coTeacherId ?? null,
    s.roomId ?? null,
    s.period ?? null,
    JSON.stringify(s.terms),
    s.setting,
    s.iepCapacity ?? null,
    s.locked,
    s.teamId ?? null,
    s.linkId ?? null,
    s.length ?? null,
  ],
  fromRow: (r, schoolId) =>
    defined({
      schoolId,
      sectionId: str(r[0]),
      courseId: str(r[1]),
      capacity: toNumber(r[2]),
      teacherId: optStr(r[3]),
      coTeacherId: optStr(r[4]),
      roomId: optStr(r[5]),
      period: optNum(r[6]),
      terms: json<string[]>(r[7]),
      setting: str(r[8]) as Setting,
      iepCapacity: optNum(r[9]),
      locked: toBoolean(r[10]),
      teamId: optStr(r[11]),
      linkId: optStr(r[12]),
      length: optNum(r[13]),
    }),
};

/** A student's row: the student and their requests, encoded (student-requests.ts), as text or its UTF-8 bytes. */
export interface StudentRecord {
  student: Student;
  requests: string | Uint8Array;
  requestCount: number;
}

/**
 * Where each student's requests end when `requests` lists each student's together, students in
 * the order of `students` (as the interchange files do): `requests[ends[k - 1]]` up to
 * `requests[ends[k] - 1]` are `students[k]`'s. Undefined when the requests are listed otherwise.
 */
function requestRuns(students: readonly Student[], requests: readonly CourseRequest[]): Int32Array | undefined {
  const ends = new Int32Array(students.length);
  let j = 0;
  for (let k = 0; k < students.length; k++) {
    const id = students[k]!.studentId;
    while (j < requests.length && requests[j]!.studentId === id) j++;
    ends[k] = j;
  }
  return j === requests.length ? ends : undefined;
}

/**
 * The rows of `students` with their requests among `requests` (the school's, in order; a
 * request's position is its index plus `offset`). Throws UnknownStudentError for a request of
 * a student who is not among `students`: it would have no row to go to.
 */
export function studentRecords(
  schoolId: string,
  students: readonly Student[],
  requests: readonly CourseRequest[],
  offset = 0,
): StudentRecord[] {
  // Requests listed student by student in the students' order need no lookup: on the district
  // (683,132 students, 4.93 million requests) the Map of each student's request indices made
  // building the rows cost 1.3-2.3 s of CPU instead of 1.0-1.5 s (three pairs, load 13-18).
  const runs = requestRuns(students, requests);
  if (runs) {
    let start = 0;
    return students.map((student, k) => {
      const end = runs[k]!;
      const record = { student, requests: requestRunBytes(requests, start, end, offset), requestCount: end - start };
      start = end;
      return record;
    });
  }
  // Each student's request indices; a file lists a student's requests together, so one lookup per run of them.
  const at = new Map<string, number[]>();
  let last: string | undefined;
  let list: number[] = [];
  for (let i = 0; i < requests.length; i++) {
    const id = requests[i]!.studentId;
    if (id !== last) {
      last = id;
      list = at.get(id) ?? [];
      if (list.length === 0) at.set(id, list);
    }
    list.push(i);
  }
  const none: number[] = [];
  const records = students.map((student) => {
    const mine = at.get(student.studentId) ?? none;
    at.delete(student.studentId);
    return { student, requests: requestBytes(requests, mine, offset), requestCount: mine.length };
  });
  const [orphan] = at.keys();
  if (orphan !== undefined) throw new UnknownStudentError(schoolId, orphan);
  return records;
}

export const STUDENT_TABLE: ProblemTable<StudentRecord> = {
  table: "student",
  columns: [
    text("student_id"),
    integer("grade"),
    text("given_name"),
    text("family_name"),
    boolean("iep"),
    text("gender"),
    text("email"),
    text("team_id"),
    integer("request_count"),
    { name: "requests", type: "text", utf8: true },
  ],
  rowsOf: (p) => studentRecords(p.school.schoolId, p.students, p.requests),
  toRow: ({ student: s, requests, requestCount }) => [
    s.studentId,
    s.grade,
    s.givenName ?? null,
    s.familyName ?? null,
    s.iep,
    s.gender ?? null,
    s.email ?? null,
    s.teamId ?? null,
    requestCount,
    requests,
  ],
  fromRow: (r, schoolId) => ({
    student: studentFromRow(r, schoolId),
    requestCount: toNumber(r[8]),
    requests: str(r[9]),
  }),
};

/**
 * The student of a student row (its first eight columns, as STUDENT_TABLE lists them): the
 * object defined() would make, its fields in the same order, built field by field. defined()'s
 * loop over the keys of a literal made two objects a student and stored each field through a
 * megamorphic keyed store.
 */
export function studentFromRow(r: Row, schoolId: string): Student {
  const student = { schoolId, studentId: str(r[0]), grade: toNumber(r[1]) } as Student;
  if (r[2] !== null && r[2] !== undefined) student.givenName = r[2] as string;
  if (r[3] !== null && r[3] !== undefined) student.familyName = r[3] as string;
  student.iep = toBoolean(r[4]);
  if (r[5] !== null && r[5] !== undefined) student.gender = r[5] as string;
  if (r[6] !== null && r[6] !== undefined) student.email = r[6] as string;
  if (r[7] !== null && r[7] !== undefined) student.teamId = r[7] as string;
  return student;
}

export const AVOID_TABLE: ProblemTable<AvoidPair> = {
  table: "avoid_pair",
  columns: [text("student_id"), text("other_student_id")],
  rowsOf: (p) => p.avoid,
  toRow: (a) => [a.studentId, a.otherStudentId],
  fromRow: (r, schoolId) => ({ schoolId, studentId: str(r[0]), otherStudentId: str(r[1]) }),
};

/** School terms: a table of their own (one row per term, in the school's order). */
export const TERM_TABLE: ProblemTable<string> = {
  table: "term",
  columns: [text("term_id")],
  rowsOf: (p) => p.school.terms,
  toRow: (term) => [term],
  fromRow: (r) => str(r[0]),
};

/** Every per-school table of the problem, in the order they are written. */
export const PROBLEM_TABLES = [
  TERM_TABLE,
  COURSE_TABLE,
  TEACHER_TABLE,
  ROOM_TABLE,
  SECTION_TABLE,
  STUDENT_TABLE,
  AVOID_TABLE,
] as const;
