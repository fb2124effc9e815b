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
import { enrollmentsRows } from "./enrollments-rows.ts";
import { exportContext, type ExportContext, type RosterWriteOptions } from "./export-context.ts";
import { orgsRows } from "./orgs-rows.ts";
import { roleRow, studentRolesRows } from "./roles-rows.ts";
import { unscheduledRows } from "./unscheduled-rows.ts";
import { studentUsersRows, teacherUserRow } from "./users-rows.ts";
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

const line = {
  orgs: csvLine(ORGS_COLUMNS, plainColumnsOf("orgs")),
  academicSessions: csvLine(ACADEMIC_SESSIONS_COLUMNS, plainColumnsOf("academicSessions")),
  courses: csvLine(COURSES_COLUMNS, plainColumnsOf("courses")),
  classes: csvLine(CLASSES_COLUMNS, plainColumnsOf("classes")),
  users: csvLine(USERS_COLUMNS, plainColumnsOf("users")),
  roles: csvLine(ROLES_COLUMNS, plainColumnsOf("roles")),
  enrollments: csvLine(ENROLLMENTS_COLUMNS, plainColumnsOf("enrollments")),
  unscheduled: csvLine(UNSCHEDULED_COLUMNS, plainColumnsOf("unscheduled")),
};

/**
 * Lines are joined into a string of about this many characters before they are encoded: one
 * encoding per line is a call into C++ per 80 bytes, and a school's file joined whole is a rope
 * of tens of thousands of pieces, flattened at once (as in write-csv-file.ts).
 */
const CHUNK_CHARS = 1 << 14;

/**
 * A school's lines of every file, encoded one file after the other into one growing buffer of
 * its own (not Node's shared pool), which can then be moved to another thread whole.
 */
function csvBytes() {
  let buffer = Buffer.allocUnsafeSlow(1 << 16);
  let used = 0;
  let start = 0;
  let pending = "";
  const encodePending = () => {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair, 4).
    const needed = used + 3 * pending.length;
    if (needed > buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(needed, 2 * buffer.length));
      buffer.copy(larger, 0, 0, used);
      buffer = larger;
    }
    used += buffer.write(pending, used);
    pending = "";
  };
  return {
    /** Rows as lines of the next file, counted: where its bytes start and end in the buffer. */
    lines<R>(rows: Iterable<R>, write: (row: R) => string): { start: number; end: number; rows: number } {
      let count = 0;
      for (const row of rows) {
        pending += write(row);
        count += 1;
        if (pending.length >= CHUNK_CHARS) encodePending();
      }
      encodePending();
      const from = start;
      start = used;
      return { start: from, end: used, rows: count };
    },
    /** The buffer holding every file's bytes (once every file is in). */
    buffer: () => buffer,
  };
}

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
      user: line.users(teacherUserRow(teacher)),
      role: line.roles(roleRow("teacher", teacher.teacherId, teacher)),
    })),
    files: fileBytes(context, roster, listed),
  };
}

/** Every file's lines of the school, in one buffer (see csvBytes); `listed`: students users.csv lists already. */
function fileBytes(context: ExportContext, roster: SchoolRoster, listed: Set<string>): Record<SchoolFile, CsvLines> {
  const out = csvBytes();
  const { students } = context.problem;
  const spans = {
    orgs: out.lines(orgsRows(context), line.orgs),
    academicSessions: out.lines(academicSessionsRows(context), line.academicSessions),
    courses: out.lines(coursesRows(context), line.courses),
    classes: out.lines(classesRows(context), line.classes),
    users: out.lines(studentUsersRows(students, listed), line.users),
    roles: out.lines(studentRolesRows(students), line.roles),
    enrollments: out.lines(enrollmentsRows(context), line.enrollments),
    unscheduled: out.lines(spreadsheetSafeRows(unscheduledRows([roster])), line.unscheduled),
  };
  // Taken only now: the buffer may have grown (and moved) while later files were encoded.
  const buffer = out.buffer();
  const files = {} as Record<SchoolFile, CsvLines>;
  for (const file of Object.keys(spans) as SchoolFile[]) {
    const { start, end, rows } = spans[file];
    files[file] = { bytes: buffer.subarray(start, end), rows };
  }
  return files;
}
