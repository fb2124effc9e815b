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
  return withStudents(problem, [{ student, requests }]);
}

/**
 * withStudent for each listing in turn, in one pass: a student listed twice ends with the last
 * listing's row (in the place of their first) and requests (after those of students listed before).
 */
export function withStudents(
  problem: SchoolProblem,
  listings: readonly { student: Student; requests: CourseRequest[] }[],
): SchoolProblem {
  const schoolId = problem.school.schoolId;
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  listings.forEach(({ student }, i) => {
    if (!first.has(student.studentId)) first.set(student.studentId, i);
    last.set(student.studentId, i);
  });
  const rowOf = new Map([...last].map(([id, i]) => [id, { ...listings[i]!.student, schoolId }]));
  const requests = listings
    .filter(({ student }, i) => last.get(student.studentId) === i)
    .flatMap(({ student, requests: rows }) => rows.map((r) => ({ ...r, schoolId, studentId: student.studentId })));
  // Late enrollments are nearly all newcomers: then nothing is replaced, and the rows are only
  // appended (copying a 3,000-student school's rows through filters for each one took ~3 ms). A
  // school has no requests of a student it does not have (the store drops them with the student).
  if (!problem.students.some((s) => rowOf.has(s.studentId))) {
    return {
      ...problem,
      students: problem.students.concat([...first.keys()].map((id) => rowOf.get(id)!)),
      requests: problem.requests.concat(requests),
    };
  }
  const known = new Set(problem.students.map((s) => s.studentId));
  const added = [...first.keys()].filter((id) => !known.has(id));
  return {
    ...problem,
    students: [...problem.students.map((s) => rowOf.get(s.studentId) ?? s), ...added.map((id) => rowOf.get(id)!)],
    requests: [...problem.requests.filter((r) => !last.has(r.studentId)), ...requests],
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

/**
 * The rows of students one write changed in a school's problem: students upserted (with the
 * requests that replace theirs) or one student dropped. A process that wrote it can bring a copy
 * of the problem from the version before to the version after (applyStudentRowsChange) instead of
 * reading or sending the whole school again.
 */
export type StudentRowsChange =
  { kind: "upsert"; listings: { student: Student; requests: CourseRequest[] }[] } | { kind: "drop"; studentId: string };

/** The problem after `change` (the same functions the store's cache follows its writes with). */
export function applyStudentRowsChange(problem: SchoolProblem, change: StudentRowsChange): SchoolProblem {
  return change.kind === "upsert" ? withStudents(problem, change.listings) : withoutStudent(problem, change.studentId);
}

/** The IDs of the students a change names. */
export function changedStudentIds(change: StudentRowsChange): string[] {
  return change.kind === "upsert" ? change.listings.map((l) => l.student.studentId) : [change.studentId];
}
