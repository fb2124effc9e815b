import type { ROLES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { idSourcedId, roleSourcedId } from "./sourced-ids.ts";

/** The rows of roles.csv (OneRoster 1.2 keeps a user's roles here): one per user and school. */
export function* rolesRows(context: ExportContext): Generator<Row<typeof ROLES_COLUMNS>> {
  for (const student of context.problem.students) {
    yield {
      sourcedId: roleSourcedId(student.schoolId, "student", student.studentId),
      userSourcedId: idSourcedId(student.studentId),
      roleType: "primary",
      role: "student",
      orgSourcedId: idSourcedId(student.schoolId),
    };
  }
  for (const teacher of context.problem.teachers) {
    yield {
      sourcedId: roleSourcedId(teacher.schoolId, "teacher", teacher.teacherId),
      userSourcedId: idSourcedId(teacher.teacherId),
      roleType: "primary",
      role: "teacher",
      orgSourcedId: idSourcedId(teacher.schoolId),
    };
  }
}
