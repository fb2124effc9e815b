import type { SchoolProblem } from "../../src/domain/problem.ts";

/**
 * The school after a late change: `droppedId` leaves and a new student `lateId` arrives with
 * the same grade, IEP status and requests, so the seats the leaver frees fit the newcomer.
 */
export function withLateStudent(problem: SchoolProblem, droppedId: string, lateId: string): SchoolProblem {
  const dropped = problem.students.find((s) => s.studentId === droppedId)!;
  return {
    ...problem,
    students: [...problem.students.filter((s) => s.studentId !== droppedId), { ...dropped, studentId: lateId }],
    requests: [
      ...problem.requests.filter((r) => r.studentId !== droppedId),
      ...problem.requests.filter((r) => r.studentId === droppedId).map((r) => ({ ...r, studentId: lateId })),
    ],
    avoid: problem.avoid.filter((a) => a.studentId !== droppedId && a.otherStudentId !== droppedId),
  };
}
