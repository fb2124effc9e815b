/**
 * How a school's problem is laid out in tables, both ways: each domain row to the values of
 * its table row, and a table row back to the domain row. Optional fields are NULL when not
 * given and come back undefined; lists are JSON text; `position` keeps the input order.
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

type Row = Record<string, unknown>;

export interface ProblemTable<T> {
  table: string;
  /** The table's columns after school_id and position, in the order toRow writes them. */
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
      courseId: str(r.course_id),
      title: str(r.title),
      gradeLow: toNumber(r.grade_low),
      gradeHigh: toNumber(r.grade_high),
      subject: optStr(r.subject),
      credits: optNum(r.credits),
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
      teacherId: str(r.teacher_id),
      givenName: optStr(r.given_name),
      familyName: optStr(r.family_name),
      maxSections: optNum(r.max_sections),
      maxStudents: optNum(r.max_students),
      unavailablePeriods: json<number[]>(r.unavailable_periods),
      specialEducation: toBoolean(r.special_education),
      qualifiedCourses: json<string[]>(r.qualified_courses),
      email: optStr(r.email),
    }),
};

export const ROOM_TABLE: ProblemTable<Room> = {
  table: "room",
  columns: [text("room_id"), integer("capacity")],
  rowsOf: (p) => p.rooms,
  toRow: (r) => [r.roomId, r.capacity],
  fromRow: (r, schoolId) => ({ schoolId, roomId: str(r.room_id), capacity: toNumber(r.capacity) }),
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
      sectionId: str(r.section_id),
      courseId: str(r.course_id),
      capacity: toNumber(r.capacity),
      teacherId: optStr(r.teacher_id),
      coTeacherId: optStr(r.co_teacher_id),
      roomId: optStr(r.room_id),
      period: optNum(r.period),
      terms: json<string[]>(r.terms),
      setting: str(r.setting) as Setting,
      iepCapacity: optNum(r.iep_capacity),
      locked: toBoolean(r.locked),
      teamId: optStr(r.team_id),
      linkId: optStr(r.link_id),
      length: optNum(r.length),
    }),
};

export const STUDENT_TABLE: ProblemTable<Student> = {
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
  ],
  rowsOf: (p) => p.students,
  toRow: (s) => [
    s.studentId,
    s.grade,
    s.givenName ?? null,
    s.familyName ?? null,
    s.iep,
    s.gender ?? null,
    s.email ?? null,
    s.teamId ?? null,
  ],
  fromRow: (r, schoolId) =>
    defined({
      schoolId,
      studentId: str(r.student_id),
      grade: toNumber(r.grade),
      givenName: optStr(r.given_name),
      familyName: optStr(r.family_name),
      iep: toBoolean(r.iep),
      gender: optStr(r.gender),
      email: optStr(r.email),
      teamId: optStr(r.team_id),
    }),
};

export const REQUEST_TABLE: ProblemTable<CourseRequest> = {
  table: "course_request",
  columns: [
    text("student_id"),
    text("course_id"),
    integer("priority"),
    text("alternate_for"),
    text("required_setting"),
    text("locked_section_id"),
  ],
  rowsOf: (p) => p.requests,
  toRow: (q) => [
    q.studentId,
    q.courseId,
    q.priority,
    q.alternateFor ?? null,
    q.requiredSetting ?? null,
    q.lockedSectionId ?? null,
  ],
  fromRow: (r, schoolId) =>
    defined({
      schoolId,
      studentId: str(r.student_id),
      courseId: str(r.course_id),
      priority: toNumber(r.priority),
      alternateFor: optStr(r.alternate_for),
      requiredSetting: optStr(r.required_setting) as Setting | undefined,
      lockedSectionId: optStr(r.locked_section_id),
    }),
};

export const AVOID_TABLE: ProblemTable<AvoidPair> = {
  table: "avoid_pair",
  columns: [text("student_id"), text("other_student_id")],
  rowsOf: (p) => p.avoid,
  toRow: (a) => [a.studentId, a.otherStudentId],
  fromRow: (r, schoolId) => ({ schoolId, studentId: str(r.student_id), otherStudentId: str(r.other_student_id) }),
};

/** School terms: a table of their own (one row per term, in the school's order). */
export const TERM_TABLE: ProblemTable<string> = {
  table: "term",
  columns: [text("term_id")],
  rowsOf: (p) => p.school.terms,
  toRow: (term) => [term],
  fromRow: (r) => str(r.term_id),
};

/** Every per-school table of the problem, in the order they are written. */
export const PROBLEM_TABLES = [
  TERM_TABLE,
  COURSE_TABLE,
  TEACHER_TABLE,
  ROOM_TABLE,
  SECTION_TABLE,
  STUDENT_TABLE,
  REQUEST_TABLE,
  AVOID_TABLE,
] as const;
