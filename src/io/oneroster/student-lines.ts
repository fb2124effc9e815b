/**
 * The students' lines of users.csv and roles.csv written straight as bytes: the lines of
 * studentUserRow's and roleRow's rows (users-rows.ts, roles-rows.ts), byte for byte, without a
 * row object or a joined sourcedId per student. A student's ID is tested against the sourcedId
 * rule once for both files, and what the school's students share (the org's sourcedId, the
 * role's start and end) is worked out once per school: per student, the rows took two row
 * objects, an array of parts and a joined string for the role, and thirteen tests of a regular
 * expression (two now; a cell needing no quotes is copied as it is looked at, LineBytes.cell).
 * 200 district schools' lines took about 8% less CPU this way (alternated in one process with
 * the rows' way, median of 10 passes), their garbage about a third less (scavenges counted).
 */
import type { Student } from "../../domain/problem.ts";
import { ROLES_COLUMNS, USERS_COLUMNS, plainColumns } from "./columns.ts";
import { gradeCode } from "./grade-codes.ts";
import { csvLineBytes, textBytes, type LineBytes } from "./line-bytes.ts";
import { roleRow } from "./roles-rows.ts";
import { idSourcedId, joinablePart, SOURCED_ID_PATTERN } from "./sourced-ids.ts";
import { studentUserRow } from "./users-rows.ts";

const userLine = csvLineBytes(USERS_COLUMNS, plainColumns(USERS_COLUMNS));
const roleLine = csvLineBytes(ROLES_COLUMNS, plainColumns(ROLES_COLUMNS));

const COMMA = 0x2c;

/** users.csv's constant cells between a student's sourcedId and username (status, dateLastModified, enabledUser). */
const AFTER_SOURCED_ID = textBytes(",,,true,");

/** What a school's students' lines share, for the students whose schoolId is the school's. */
interface SchoolPieces {
  schoolId: string;
  /** Whether `<school>/<user>/role/student` is the role's sourcedId for a joinable user ID (roleSourcedId). */
  joinable: boolean;
  /** `<school>/`: a joined role sourcedId's start. */
  roleStart: Uint8Array;
  /** The role line from its sourcedId's `/role/student` to the user's sourcedId. */
  roleMiddle: Uint8Array;
  /** The role line after the user's sourcedId (its org). */
  roleEnd: Uint8Array;
  /** The user line from the grades cell's end to its end (its org). */
  userEnd: Uint8Array;
}

/** A school's SchoolPieces. */
function schoolPieces(schoolId: string): SchoolPieces {
  const org = idSourcedId(schoolId);
  return {
    schoolId,
    joinable: joinablePart(schoolId),
    roleStart: textBytes(`${schoolId}/`),
    roleMiddle: textBytes("/role/student,,,"),
    roleEnd: textBytes(`,primary,student,,,${org},\n`),
    userEnd: textBytes(`,,,,,,${org},\n`),
  };
}

/** Each grade's code, made once (gradeCode makes a string each call). */
const GRADE_CODES = new Map<number, string>();

function gradeCodeOf(grade: number): string {
  let code = GRADE_CODES.get(grade);
  if (code === undefined) GRADE_CODES.set(grade, (code = gradeCode(grade)));
  return code;
}

/**
 * Writes the users.csv lines of `students` not in `written` (studentUsersRows' rows: each
 * student once across schools, `written` noting them) and their roles.csv lines (every one of
 * them: studentRolesRows' rows) into `users` and `roles`; returns how many lines each got.
 */
export function studentLines(
  students: readonly Student[],
  written: Set<string>,
  users: LineBytes,
  roles: LineBytes,
): { users: number; roles: number } {
  let userRows = 0;
  let pieces: SchoolPieces | undefined;
  for (const student of students) {
    const { studentId } = student;
    if (pieces?.schoolId !== student.schoolId) pieces = schoolPieces(student.schoolId);
    // An ID the rule allows as it is, and joinable into the role's sourcedId: the district's IDs.
    const plain = joinablePart(studentId) && SOURCED_ID_PATTERN.test(studentId);
    if (!written.has(studentId)) {
      written.add(studentId);
      if (plain) userOf(student, pieces, users);
      else userLine(studentUserRow(student), users);
      userRows += 1;
    }
    if (plain && pieces.joinable && pieces.schoolId.length + studentId.length + 14 <= 255) {
      roles.bytes(pieces.roleStart);
      roles.text(studentId);
      roles.bytes(pieces.roleMiddle);
      roles.text(studentId);
      roles.bytes(pieces.roleEnd);
    } else roleLine(roleRow("student", studentId, student), roles);
  }
  return { users: userRows, roles: students.length };
}

/** studentUserRow's line of a student whose ID is its own sourcedId. */
function userOf(student: Student, pieces: SchoolPieces, out: LineBytes): void {
  const id = student.studentId;
  out.text(id);
  out.bytes(AFTER_SOURCED_ID);
  out.cell(student.email ?? id);
  out.byte(COMMA);
  out.byte(COMMA);
  out.cell(student.givenName ?? id);
  out.byte(COMMA);
  out.cell(student.familyName ?? id);
  out.byte(COMMA);
  out.byte(COMMA);
  out.cell(id);
  out.byte(COMMA);
  if (student.email !== undefined) out.cell(student.email);
  out.byte(COMMA);
  out.byte(COMMA);
  out.byte(COMMA);
  out.byte(COMMA);
  out.cell(gradeCodeOf(student.grade));
  out.bytes(pieces.userEnd);
}
