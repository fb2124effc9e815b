import type { CourseRequest, Student } from "../domain/problem.ts";
import { loadSchoolProblem, upsertStudent, type Store } from "../store/index.ts";
import { EnrollmentInputError, enrollmentIssues } from "./enrollment-input-error.ts";

/**
 * Adds (or updates) a late student and their requests in the store, writing only that
 * student's rows: the school's runs and live roster stay, and its problem version goes up, so
 * runs started before this can no longer be published. Throws EnrollmentInputError, writing
 * nothing, when the rows do not fit the school. Returns the new problem version.
 */
export async function enrollStudent(store: Store, schoolId: string, student: Student, requests: CourseRequest[]): Promise<number> {
  const issues = enrollmentIssues(await loadSchoolProblem(store, schoolId), student, requests);
  if (issues.length > 0) throw new EnrollmentInputError(schoolId, student.studentId, issues);
  return upsertStudent(store, schoolId, student, requests);
}
