/**
 * The rows of roles.csv (OneRoster 1.2 keeps a user's roles here) are one per user and school:
 * every student's, then every teacher's. A school's students' lines are written from these
 * rows' cells by studentLines (student-lines.ts); a roster directory writes each teacher's
 * (roleRow) after every school's students.
 */
import type { Student, Teacher } from "../../domain/problem.ts";
import type { ROLES_COLUMNS, Row } from "./columns.ts";
import { idSourcedId, roleSourcedId } from "./sourced-ids.ts";

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
