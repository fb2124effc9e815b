import type { CourseRequest, Student } from "../domain/problem.ts";
import {
  readSchoolProblem,
  StudentInOtherSchoolError,
  upsertStudents,
  type StudentRows,
  type Store,
} from "../store/index.ts";
import {
  EnrollmentInputError,
  enrollmentIssues,
  foreignStudentMessage,
  type EnrollmentIssue,
} from "./enrollment-input-error.ts";

/**
 * Adds (or updates) a late student and their requests in the store, writing only that
 * student's rows: the school's runs and live roster stay, and its problem version goes up, so
 * runs started before this can no longer be published. Throws EnrollmentInputError, writing
 * nothing, when the rows do not fit the school. Returns the new problem version.
 */
export async function enrollStudent(
  store: Store,
  schoolId: string,
  student: Student,
  requests: CourseRequest[],
): Promise<number> {
  return enrollStudents(store, schoolId, [{ student, requests }]);
}

/**
 * enrollStudent for a wave of late students in one write: all or nothing. The first student
 * whose rows do not fit the school is refused with every issue of theirs, naming the listing
 * (`students[3].requests[0].courseId` when there are several). A student ID another school
 * has is refused too: a transfer is a drop there first.
 */
export async function enrollStudents(
  store: Store,
  schoolId: string,
  students: readonly StudentRows[],
): Promise<number> {
  // Fields are named within the listing when there are several.
  const refuse = (i: number, issues: EnrollmentIssue[]) =>
    new EnrollmentInputError(
      schoolId,
      students[i]!.student.studentId,
      issues.map((issue) => ({ ...issue, field: `${students.length > 1 ? `students[${i}].` : ""}${issue.field}` })),
    );
  const problem = await readSchoolProblem(store, schoolId);
  for (const [i, { student, requests }] of students.entries()) {
    const issues = enrollmentIssues(problem, student, requests);
    if (issues.length > 0) throw refuse(i, issues);
  }
  try {
    return await upsertStudents(store, schoolId, students);
  } catch (error) {
    if (!(error instanceof StudentInOtherSchoolError)) throw error;
    // Said the same way whichever school has the student: a counselor learns nothing of other schools.
    const taken = error.claims[0]!.studentId;
    throw refuse(
      students.findIndex((s) => s.student.studentId === taken),
      [{ field: "student.studentId", message: foreignStudentMessage(taken) }],
    );
  }
}
