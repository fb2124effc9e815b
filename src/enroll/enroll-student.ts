import type { CourseRequest, SchoolProblem, Student } from "../domain/problem.ts";
import { importProblem, loadSchoolProblem, type Store } from "../store/index.ts";
import { joinSchools } from "../domain/join-schools.ts";

/** The school with `student` added, or replacing the row of the same id, and its requests replacing theirs. */
export function withStudent(problem: SchoolProblem, student: Student, requests: CourseRequest[]): SchoolProblem {
  const schoolId = problem.school.schoolId;
  const { studentId } = student;
  return {
    ...problem,
    students: [...problem.students.filter((s) => s.studentId !== studentId), { ...student, schoolId }],
    requests: [...problem.requests.filter((r) => r.studentId !== studentId), ...requests.map((r) => ({ ...r, schoolId, studentId }))],
  };
}

/**
 * Adds (or updates) a late student and their requests in the store by re-importing the whole
 * school: the school's runs and live roster stay, and its problem version goes up, so runs
 * started before this can no longer be published. Returns the new problem version.
 */
export async function enrollStudent(store: Store, schoolId: string, student: Student, requests: CourseRequest[]): Promise<number> {
  const problem = withStudent(await loadSchoolProblem(store, schoolId), student, requests);
  const summary = await importProblem(store, joinSchools([problem]));
  return summary.versions[schoolId]!;
}
