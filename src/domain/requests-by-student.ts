import type { CourseRequest, SchoolProblem } from "./problem.ts";

/**
 * Each student's requests, in input order. Lookups by student then course go through these
 * short lists instead of keys built from two ids, which cost a string per request on every pass
 * over a school (an incremental run makes several per late student).
 */
export function requestsByStudent(problem: Pick<SchoolProblem, "requests">): Map<string, CourseRequest[]> {
  const byStudent = new Map<string, CourseRequest[]>();
  for (const r of problem.requests) {
    const list = byStudent.get(r.studentId);
    if (list) list.push(r);
    else byStudent.set(r.studentId, [r]);
  }
  return byStudent;
}

/** Distinct primary (non-alternate) courses in one student's requests: what the solver counts as their primary requests. */
export function primaryCount(requests: readonly CourseRequest[]): number {
  let n = 0;
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    if (r.alternateFor !== undefined) continue;
    let repeated = false;
    for (let j = 0; j < i && !repeated; j++)
      repeated = requests[j]!.alternateFor === undefined && requests[j]!.courseId === r.courseId;
    if (!repeated) n++;
  }
  return n;
}

/** True when a student's primary request for `courseId` is met by `held` courses: its own, or one of its alternates. */
export function primaryMetBy(requests: readonly CourseRequest[], courseId: string, held: readonly string[]): boolean {
  // Plain loops: this runs once per request of a school, several times per late student.
  if (held.includes(courseId)) return true;
  for (const r of requests) if (r.alternateFor === courseId && held.includes(r.courseId)) return true;
  return false;
}
