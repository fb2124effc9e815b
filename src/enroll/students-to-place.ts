import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { PinnableSeats } from "./pinnable-enrollments.ts";

/** Who an incremental run works on: the students to place, and their avoid partners who come along pinned. */
export interface IncrementalStudents {
  /** New students, students who lost a live seat, and students with a primary request their kept seats do not meet. */
  toPlace: Set<string>;
  /** Avoid partners of those, not themselves to place: their seats stay, and are in the part solved so pairs are checked. */
  partners: Set<string>;
}

/**
 * Everyone else has every primary request met by a seat that is kept, so an incremental run
 * with nobody allowed to move has nothing to do for them: the school's part made of these
 * students is all it needs to solve. A student the live roster does not know is new; a primary
 * request counts as met when a kept seat is in its course or in one of its alternates.
 */
export function studentsToPlace(problem: SchoolProblem, live: SchoolRoster, seats: PinnableSeats): IncrementalStudents {
  const { keptCourses, released } = seats;
  let alternatesOf: Map<string, string[]> | undefined;
  /** Alternates of a student's primary request, indexed on first use: most requests are met by their own course. */
  const alternates = (studentId: string, courseId: string): string[] => {
    if (!alternatesOf) {
      alternatesOf = new Map();
      for (const r of problem.requests) {
        if (r.alternateFor === undefined) continue;
        const key = `${r.studentId}\u0000${r.alternateFor}`;
        const list = alternatesOf.get(key);
        if (list) list.push(r.courseId);
        else alternatesOf.set(key, [r.courseId]);
      }
    }
    return alternatesOf.get(`${studentId}\u0000${courseId}`) ?? [];
  };
  const toPlace = new Set(released.map((r) => r.enrollment.studentId));
  for (const r of problem.requests) {
    if (r.alternateFor !== undefined || toPlace.has(r.studentId)) continue;
    const kept = keptCourses.get(r.studentId);
    const met = kept !== undefined && (kept.has(r.courseId) || alternates(r.studentId, r.courseId).some((c) => kept.has(c)));
    if (!met) toPlace.add(r.studentId);
  }
  const known = new Set(live.enrollments.map((e) => e.studentId));
  for (const u of live.unscheduled) known.add(u.studentId);
  for (const s of problem.students) if (!known.has(s.studentId)) toPlace.add(s.studentId);

  const partners = new Set<string>();
  for (const pair of problem.avoid) {
    if (toPlace.has(pair.studentId) && !toPlace.has(pair.otherStudentId)) partners.add(pair.otherStudentId);
    if (toPlace.has(pair.otherStudentId) && !toPlace.has(pair.studentId)) partners.add(pair.studentId);
  }
  return { toPlace, partners };
}
