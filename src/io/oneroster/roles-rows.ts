import type { Student, Teacher } from "../../domain/problem.ts";
import type { ROLES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { idSourcedId, roleSourcedId } from "./sourced-ids.ts";

/** The rows of roles.csv (OneRoster 1.2 keeps a user's roles here): one per user and school. */
export function* rolesRows(context: ExportContext): Generator<Row<typeof ROLES_COLUMNS>> {
  for (const student of context.problem.students) yield roleRow("student", student.studentId, student);
  for (const teacher of context.problem.teachers) yield roleRow("teacher", teacher.teacherId, teacher);
}

/** A student's or teacher's primary role at their school. */
export function roleRow(
  role: "student" | "teacher",
  userId: string,
  person: Student | Teacher,
): Row<typeof ROLES_COLUMNS> {
  return {
    sourcedId: roleSourcedId(person.schoolId, role, userId),
    userSourcedId: idSourcedId(userId),
    roleType: "primary",
    role,
    orgSourcedId: idSourcedId(person.schoolId),
  };
}
