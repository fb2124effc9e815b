/**
 * One school's share of every file of a roster directory, as CSV lines: what a roster directory
 * appends when the school is added. Built apart from the writing so that it can be built on
 * another thread: `mse export` builds schools on a pool while its main thread appends them to
 * the files in school order (src/run/export-live-roster.ts).
 */
import { schoolAsProblem } from "../../domain/join-schools.ts";
import type { SchoolProblem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { spreadsheetSafeRows } from "../spreadsheet-safe.ts";
import { academicSessionsRows } from "./academic-sessions-rows.ts";
import { classesRows } from "./classes-rows.ts";
import {
  ACADEMIC_SESSIONS_COLUMNS,
  CLASSES_COLUMNS,
  COURSES_COLUMNS,
  ENROLLMENTS_COLUMNS,
  ORGS_COLUMNS,
  ROLES_COLUMNS,
  UNSCHEDULED_COLUMNS,
  USERS_COLUMNS,
  plainColumns,
} from "./columns.ts";
import { coursesRows } from "./courses-rows.ts";
import { enrollmentsLines } from "./enrollments-lines.ts";
import { exportContext, type ExportContext, type RosterWriteOptions } from "./export-context.ts";
import { orgsRows } from "./orgs-rows.ts";
import { roleRow } from "./roles-rows.ts";
import { studentLines } from "./student-lines.ts";
import { unscheduledRows } from "./unscheduled-rows.ts";
import { teacherUserRow } from "./users-rows.ts";
import { csvLineBytes, LineBytes } from "./line-bytes.ts";
import { csvLine } from "./write-csv-file.ts";

/** The columns of each file a school adds lines to, and those written without quoting (see plainColumns). */
export const SCHOOL_FILE_COLUMNS = {
  orgs: ORGS_COLUMNS,
  academicSessions: ACADEMIC_SESSIONS_COLUMNS,
  courses: COURSES_COLUMNS,
  classes: CLASSES_COLUMNS,
  users: USERS_COLUMNS,
  roles: ROLES_COLUMNS,
  enrollments: ENROLLMENTS_COLUMNS,
  unscheduled: UNSCHEDULED_COLUMNS,
} as const;

/** The files a school adds lines to. */
export type SchoolFile = keyof typeof SCHOOL_FILE_COLUMNS;

/** unscheduled.csv is ours, not OneRoster's: its cells are free text, every one checked for quoting. */
export const plainColumnsOf = (file: SchoolFile): readonly string[] =>
  file === "unscheduled" ? [] : plainColumns(SCHOOL_FILE_COLUMNS[file]);

/** Lines for one file, as UTF-8 bytes, and how many rows they hold. */
export interface CsvLines {
  bytes: Uint8Array;
  rows: number;
}

/** A teacher's lines, written after every student (users.csv once per teacher, roles.csv once per school). */
export interface TeacherLines {
  teacherId: string;
  user: string;
  role: string;
}

/** One school's lines for every file, and the IDs a roster directory checks across schools. */
export interface SchoolCsv {
  schoolId: string;
  studentIds: string[];
  teachers: TeacherLines[];
  files: Record<SchoolFile, CsvLines>;
}

/** A teacher's lines, as text: kept until every school's students are written (see TeacherLines). */
const teacherLine = {
  users: csvLine(USERS_COLUMNS, plainColumnsOf("users")),
  roles: csvLine(ROLES_COLUMNS, plainColumnsOf("roles")),
};

/** Each file's row writer into bytes (csvLineBytes). */
const lineBytes = {
  orgs: csvLineBytes(ORGS_COLUMNS, plainColumnsOf("orgs")),
  academicSessions: csvLineBytes(ACADEMIC_SESSIONS_COLUMNS, plainColumnsOf("academicSessions")),
  courses: csvLineBytes(COURSES_COLUMNS, plainColumnsOf("courses")),
  classes: csvLineBytes(CLASSES_COLUMNS, plainColumnsOf("classes")),
  unscheduled: csvLineBytes(UNSCHEDULED_COLUMNS, plainColumnsOf("unscheduled")),
};

/**
 * The school's lines of every file. Throws, as exportContext does, if the roster cannot be
 * written as OneRoster against the school. `written` tells which students users.csv already
 * lists (a student of two schools is one user; a roster directory passes the IDs it wrote).
 */
export function schoolCsv(
  school: SchoolProblem,
  roster: SchoolRoster,
  options: RosterWriteOptions,
  written: (studentId: string) => boolean = () => false,
): SchoolCsv {
  const context = exportContext(schoolAsProblem(school), [roster], options);
  const { students, teachers } = context.problem;
  const listed = new Set<string>();
  for (const student of students) if (written(student.studentId)) listed.add(student.studentId);
  return {
    schoolId: roster.schoolId,
    studentIds: students.map((student) => student.studentId),
    teachers: teachers.map((teacher) => ({
      teacherId: teacher.teacherId,
      user: teacherLine.users(teacherUserRow(teacher)),
      role: teacherLine.roles(roleRow("teacher", teacher.teacherId, teacher)),
    })),
    files: fileBytes(context, roster, listed),
  };
}

/**
 * Bytes of a school's lines, about, so that its buffer rarely grows (a growth copies what is
 * written): the district's lines average 126 bytes a seat, 77 a user, 72 a role, 180 a class.
 */
function expectedBytes(context: ExportContext, roster: SchoolRoster): number {
  const { students, sections, courses } = context.problem;
  return 4096 + 130 * roster.enrollments.length + 160 * students.length + 300 * (sections.length + courses.length);
}

/**
 * Every file's lines of the school, one file after the other into one buffer of its own (which
 * can then be moved to another thread whole); `listed`: students users.csv lists already.
 */
function fileBytes(context: ExportContext, roster: SchoolRoster, listed: Set<string>): Record<SchoolFile, CsvLines> {
  const out = new LineBytes(expectedBytes(context, roster));
  const { students } = context.problem;
  const spans = {} as Record<SchoolFile, { start: number; end: number; rows: number }>;
  const file = (name: SchoolFile, write: () => number) => {
    const start = out.length;
    const rows = write();
    spans[name] = { start, end: out.length, rows };
  };
  const rowsOf =
    <R>(rows: Iterable<R>, line: (row: R, out: LineBytes) => void) =>
    () => {
      let count = 0;
      for (const row of rows) {
        line(row, out);
        count += 1;
      }
      return count;
    };
  file("orgs", rowsOf(orgsRows(context), lineBytes.orgs));
  file("academicSessions", rowsOf(academicSessionsRows(context), lineBytes.academicSessions));
  file("courses", rowsOf(coursesRows(context), lineBytes.courses));
  file("classes", rowsOf(classesRows(context), lineBytes.classes));
  // Both files' lines of a student are made together, roles.csv's set aside until users.csv's are written.
  const roles = new LineBytes(80 * students.length);
  let roleRows = 0;
  file("users", () => {
    const rows = studentLines(students, listed, out, roles);
    roleRows = rows.roles;
    return rows.users;
  });
  file("roles", () => {
    out.bytes(roles.written());
    return roleRows;
  });
  file("enrollments", () => enrollmentsLines(context, out));
  file("unscheduled", rowsOf(spreadsheetSafeRows(unscheduledRows([roster])), lineBytes.unscheduled));
  // Taken only now: the buffer may have grown (and moved) while later files were written.
  const buffer = out.written();
  const files = {} as Record<SchoolFile, CsvLines>;
  for (const name of Object.keys(spans) as SchoolFile[]) {
    const { start, end, rows } = spans[name];
    files[name] = { bytes: buffer.subarray(start, end), rows };
  }
  return files;
}
