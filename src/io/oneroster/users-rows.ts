import type { Row, USERS_COLUMNS } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeCode } from "./grade-codes.ts";

/**
 * The rows of users.csv: every student (sourcedId = student_id) and every teacher
 * (sourcedId = teacher_id), each once, names exactly as given.
 */
export function* usersRows(context: ExportContext): Generator<Row<typeof USERS_COLUMNS>> {
  const written = new Set<string>();
  for (const student of context.problem.students) {
    if (written.has(student.studentId)) continue;
    written.add(student.studentId);
    yield {
      sourcedId: student.studentId,
      enabledUser: "true",
      username: student.studentId,
      givenName: student.givenName,
      familyName: student.familyName,
      identifier: student.studentId,
      grades: gradeCode(student.grade),
      primaryOrgSourcedId: student.schoolId,
    };
  }
  for (const teacher of context.problem.teachers) {
    if (written.has(teacher.teacherId)) continue;
    written.add(teacher.teacherId);
    yield {
      sourcedId: teacher.teacherId,
      enabledUser: "true",
      username: teacher.teacherId,
      givenName: teacher.givenName,
      familyName: teacher.familyName,
      identifier: teacher.teacherId,
      primaryOrgSourcedId: teacher.schoolId,
    };
  }
}
