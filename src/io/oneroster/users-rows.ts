/**
 * The rows of users.csv (the 1.2.1 layout) are every student, then every teacher, each once,
 * identifier = student_id / teacher_id, names exactly as given. A school's students' lines are
 * written from these rows' cells by studentLines (student-lines.ts); a roster directory writes
 * each teacher's (teacherUserRow) after every school's students.
 */
import type { Student, Teacher } from "../../domain/problem.ts";
import type { Row, USERS_COLUMNS } from "./columns.ts";
import { gradeCode } from "./grade-codes.ts";
import { idSourcedId } from "./sourced-ids.ts";

/** A student's user row. */
export function studentUserRow(student: Student): Row<typeof USERS_COLUMNS> {
  // Added to the object rather than spread into a copy: a row made by `{ ...cells, grades }`
  // took 6 µs to write as a line against 1 µs for this one (the district's first 60 schools,
  // 49,733 students), its reads slow where a literal's are not.
  const row = userCells(student.studentId, student);
  row.grades = gradeCode(student.grade);
  return row;
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
