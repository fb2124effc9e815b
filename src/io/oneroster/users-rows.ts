import type { Student, Teacher } from "../../domain/problem.ts";
import type { Row, USERS_COLUMNS } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeCode } from "./grade-codes.ts";
import { idSourcedId } from "./sourced-ids.ts";

/**
 * The rows of users.csv (the 1.2.1 layout): every student, then every teacher, each once,
 * identifier = student_id / teacher_id, names exactly as given.
 */
export function* usersRows(context: ExportContext): Generator<Row<typeof USERS_COLUMNS>> {
  const written = new Set<string>();
  for (const student of context.problem.students) {
    if (written.has(student.studentId)) continue;
    written.add(student.studentId);
    yield studentUserRow(student);
  }
  for (const teacher of context.problem.teachers) {
    if (written.has(teacher.teacherId)) continue;
    written.add(teacher.teacherId);
    yield teacherUserRow(teacher);
  }
}

/** A student's user row. */
export function studentUserRow(student: Student): Row<typeof USERS_COLUMNS> {
  return { ...userCells(student.studentId, student), grades: gradeCode(student.grade) };
}

/** A teacher's user row. */
export function teacherUserRow(teacher: Teacher): Row<typeof USERS_COLUMNS> {
  return userCells(teacher.teacherId, teacher);
}

/**
 * The cells a student and a teacher share. username is the email where there is one (what
 * Google's and Microsoft's roster imports match accounts by), else the ID. givenName and
 * familyName are required by the binding: a person without one gets the ID in its place, so
 * that a consumer still shows something that finds them.
 */
function userCells(id: string, person: Student | Teacher): Row<typeof USERS_COLUMNS> {
  return {
    sourcedId: idSourcedId(id),
    enabledUser: "true",
    username: person.email ?? id,
    givenName: person.givenName ?? id,
    familyName: person.familyName ?? id,
    identifier: id,
    email: person.email,
    primaryOrgSourcedId: idSourcedId(person.schoolId),
  };
}
