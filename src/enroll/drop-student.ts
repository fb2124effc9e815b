import type { SchoolProblem } from "../domain/problem.ts";
import { importProblem, loadSchoolProblem, type Store } from "../store/index.ts";
import { joinSchools } from "../domain/join-schools.ts";

/** The school without the student: their row, their requests and every avoid pair naming them. */
export function withoutStudent(problem: SchoolProblem, studentId: string): SchoolProblem {
  return {
    ...problem,
    students: problem.students.filter((s) => s.studentId !== studentId),
    requests: problem.requests.filter((r) => r.studentId !== studentId),
    avoid: problem.avoid.filter((a) => a.studentId !== studentId && a.otherStudentId !== studentId),
  };
}

/**
 * Removes a student who left by re-importing the whole school (runs and live roster stay; the
 * problem version goes up). Their seats are freed by the next incremental run. Returns the new
 * problem version; throws if the school has no such student.
 */
export async function dropStudent(store: Store, schoolId: string, studentId: string): Promise<number> {
  const problem = await loadSchoolProblem(store, schoolId);
  if (!problem.students.some((s) => s.studentId === studentId)) throw new Error(`school ${schoolId} has no student ${studentId}`);
  const summary = await importProblem(store, joinSchools([withoutStudent(problem, studentId)]));
  return summary.versions[schoolId]!;
}
