import type { CourseRequest, SchoolProblem } from "../domain/problem.ts";
import { primaryMetBy, requestsByStudent } from "../domain/requests-by-student.ts";
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
export function studentsToPlace(
  problem: SchoolProblem,
  live: SchoolRoster,
  seats: PinnableSeats,
  requestsOf: ReadonlyMap<string, CourseRequest[]> = requestsByStudent(problem),
): IncrementalStudents {
  const { keptCourses, released } = seats;
  const toPlace = new Set(released.map((r) => r.enrollment.studentId));
  for (const [studentId, requests] of requestsOf) {
    if (toPlace.has(studentId)) continue;
    const kept = keptCourses.get(studentId) ?? [];
    for (const r of requests) {
      if (r.alternateFor !== undefined || primaryMetBy(requests, r.courseId, kept)) continue;
      toPlace.add(studentId);
      break;
    }
  }
  // New: the live roster neither seats them (kept or released: already listed) nor lists an unmet request of theirs.
  const unmetBefore = new Set(live.unscheduled.map((u) => u.studentId));
  for (const s of problem.students)
    if (!toPlace.has(s.studentId) && !keptCourses.has(s.studentId) && !unmetBefore.has(s.studentId))
      toPlace.add(s.studentId);

  return { toPlace, partners: avoidPartners(problem, toPlace) };
}

/** Avoid partners of `students` who are not among them: solved beside them, pinned, so that the pairs are checked. */
export function avoidPartners(problem: SchoolProblem, students: ReadonlySet<string>): Set<string> {
  const partners = new Set<string>();
  for (const pair of problem.avoid) {
    if (students.has(pair.studentId) && !students.has(pair.otherStudentId)) partners.add(pair.otherStudentId);
    if (students.has(pair.otherStudentId) && !students.has(pair.studentId)) partners.add(pair.studentId);
  }
  return partners;
}
