/**
 * What the whole-problem checks remember of the rows read so far: every ID with the line
 * it was first seen on, so later files can be checked against earlier ones.
 */
import type { Course, Room, School, Section, Student, Teacher } from "../../domain/problem.ts";
import { createRequestRun, type RequestRun } from "./check-student-requests.ts";
import { risingIdTable, type IdTable } from "./rising-id-table.ts";
import type { TableName } from "./tables.ts";

/** An ID seen in the input: where, and its row when the row itself was valid. */
export interface Seen<T> {
  line: number;
  /** Undefined when the row had errors of its own: it exists, but nothing more is known. */
  row: T | undefined;
}

/** IDs unique within a school: school_id → id → row. */
export type PerSchool<T> = Map<string, Map<string, Seen<T>>>;

/**
 * A school as its requests see it. Nothing it holds changes while requests.csv is read (the
 * files it depends on are read): looked up once per school rather than once per request.
 */
export interface RequestSchool {
  schoolId: string;
  /** The school's row when known (undefined: unknown, or its row had errors). */
  seen: Seen<School> | undefined;
  /** An unknown school is reported on every row that names it. */
  reportUnknown: boolean;
  /** The school's courses, when its requests' courses are checked (school known, courses.csv usable). */
  courses: Map<string, Seen<Course>> | undefined;
}

/** The IDs of every file read so far, and what waits for the end of the read. */
export interface ProblemIndex {
  /** Files that could not be read whole: references into them are not checked. */
  unusable: Set<TableName>;
  schools: Map<string, Seen<School>>;
  courses: PerSchool<Course>;
  teachers: Map<string, Seen<Teacher>>;
  rooms: PerSchool<Room>;
  sections: PerSchool<Section>;
  /** Students by ID (rising-id-table.ts: no Map while students.csv lists them in rising ID order). */
  students: IdTable<Seen<Student>>;
  /** Each student of `students` at its line in students.csv (a duplicate's line is empty): see checkRequest. */
  studentAtLine: Seen<Student>[];
  /** The run of consecutive requests of one student, for checking a student's requests on the fly. */
  requestRun: RequestRun;
  /** The student the previous request named, when valid: consecutive requests reuse it. */
  lastRequestStudent: Seen<Student> | undefined;
  /** The school the previous request named, as far as its requests need it: consecutive requests reuse it. */
  lastRequestSchool: RequestSchool | undefined;
  /** student_id → course_id of request rows that had errors of their own (they were still asked for). */
  invalidRequests: { studentId: string; courseId: string }[];
}

/** An empty index, before any file is read. */
export function createProblemIndex(): ProblemIndex {
  return {
    unusable: new Set(),
    schools: new Map(),
    courses: new Map(),
    teachers: new Map(),
    rooms: new Map(),
    sections: new Map(),
    students: risingIdTable(),
    studentAtLine: [],
    requestRun: createRequestRun(),
    lastRequestStudent: undefined,
    lastRequestSchool: undefined,
    invalidRequests: [],
  };
}

/** Looks up an ID unique within a school. */
export function findInSchool<T>(table: PerSchool<T>, schoolId: string, id: string): Seen<T> | undefined {
  return table.get(schoolId)?.get(id);
}

/** The first school, other than `schoolId`, that holds `id`: for messages about a wrong school. */
export function schoolHolding<T>(table: PerSchool<T>, schoolId: string, id: string): string | undefined {
  for (const [otherSchool, ids] of table) {
    if (otherSchool !== schoolId && ids.has(id)) return otherSchool;
  }
  return undefined;
}
