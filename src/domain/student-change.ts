/**
 * One student's change to a school's problem, in memory: the layout the store writes too
 * (src/store/student-rows.ts), so a cached problem and one read back are the same, row for row.
 */
import type { CourseRequest, SchoolProblem, Student } from "./problem.ts";

/**
 * The school with `student` added (last) or replacing the row of the same id (in its place),
 * and with `requests` replacing the student's requests, after every other request.
 */
export function withStudent(problem: SchoolProblem, student: Student, requests: CourseRequest[]): SchoolProblem {
  const schoolId = problem.school.schoolId;
  const { studentId } = student;
  const row = { ...student, schoolId };
  const known = problem.students.some((s) => s.studentId === studentId);
  return {
    ...problem,
    students: known ? problem.students.map((s) => (s.studentId === studentId ? row : s)) : [...problem.students, row],
    requests: [...problem.requests.filter((r) => r.studentId !== studentId), ...requests.map((r) => ({ ...r, schoolId, studentId }))],
  };
}

/** The school without the student: their row, their requests and every avoid pair naming them. */
export function withoutStudent(problem: SchoolProblem, studentId: string): SchoolProblem {
  return {
    ...problem,
    students: problem.students.filter((s) => s.studentId !== studentId),
    requests: problem.requests.filter((r) => r.studentId !== studentId),
    avoid: problem.avoid.filter((a) => a.studentId !== studentId && a.otherStudentId !== studentId),
  };
}
