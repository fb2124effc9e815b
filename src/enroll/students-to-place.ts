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
 * Unmet students tried again for each seat a change frees, at most: enough that a freed seat
 * goes to one who can take it (most cannot: their kept seats clash with its period), few
 * enough that a drop in a course dozens of students are waiting for costs a part of a few
 * students, not a school's solve.
 */
export const TRIES_PER_FREED_SEAT = 4;

/**
 * Everyone else has every primary request met by a seat that is kept, so an incremental run
 * with nobody allowed to move has nothing to do for them: the school's part made of these
 * students is all it needs to solve. A student the live roster does not know is new; a primary
 * request counts as met when a kept seat is in its course or in one of its alternates.
 *
 * With `changed` (the students whose rows changed since the live roster was made, when the
 * store knows them all), a student left unmet by the live roster whose rows did not change was
 * already tried against these seats, and is tried again only for a seat that has been freed
 * since (by a student who left or lost it): see freedSeatTries.
 */
export function studentsToPlace(
  problem: SchoolProblem,
  live: SchoolRoster,
  seats: PinnableSeats,
  requestsOf: ReadonlyMap<string, CourseRequest[]> = requestsByStudent(problem),
  changed?: ReadonlySet<string>,
): IncrementalStudents {
  const { keptCourses, released } = seats;
  const toPlace = new Set(released.map((r) => r.enrollment.studentId));
  // Unmet requests the live roster lists: an unchanged student waits only if it lists all of theirs.
  const listed = changed ? new Set(live.unscheduled.map((u) => `${u.studentId}\u0000${u.courseId}`)) : undefined;
  // Unchanged students left unmet, with their unmet primary requests: the candidates for freed seats.
  const waiting: Waiting[] = [];
  for (const [studentId, requests] of requestsOf) {
    if (toPlace.has(studentId)) continue;
    const kept = keptCourses.get(studentId) ?? [];
    let unmet: CourseRequest[] | undefined;
    for (const r of requests) {
      if (r.alternateFor !== undefined || primaryMetBy(requests, r.courseId, kept)) continue;
      if (!listed || changed!.has(studentId) || !listed.has(`${studentId}\u0000${r.courseId}`)) {
        toPlace.add(studentId);
        unmet = undefined;
        break;
      }
      (unmet ??= []).push(r);
    }
    if (unmet) waiting.push({ studentId, unmet });
  }
  // New: the live roster neither seats them (kept or released: already listed) nor lists an unmet request of theirs.
  const unmetBefore = new Set(live.unscheduled.map((u) => u.studentId));
  for (const s of problem.students)
    if (!toPlace.has(s.studentId) && !keptCourses.has(s.studentId) && !unmetBefore.has(s.studentId))
      toPlace.add(s.studentId);
  for (const studentId of freedSeatTries(problem, live, seats, requestsOf, waiting)) toPlace.add(studentId);

  return { toPlace, partners: avoidPartners(problem, toPlace) };
}

/** An unchanged student left unmet by the live roster, and the primary requests it lists for them. */
interface Waiting {
  studentId: string;
  unmet: CourseRequest[];
}

/**
 * The waiting students to try again for the seats freed since the live roster (the live seats
 * not kept: of students who left, or released): those with an unmet primary request that a
 * freed seat's course (the request's own or one of its alternates) could meet, most important
 * request first, at most TRIES_PER_FREED_SEAT for each freed seat of a course.
 */
function freedSeatTries(
  problem: SchoolProblem,
  live: SchoolRoster,
  seats: PinnableSeats,
  requestsOf: ReadonlyMap<string, CourseRequest[]>,
  waiting: readonly Waiting[],
): string[] {
  if (waiting.length === 0) return [];
  const courseOf = new Map(problem.sections.map((s) => [s.sectionId, s.courseId]));
  const tries = new Map<string, number>();
  const free = (sectionId: string) => {
    const courseId = courseOf.get(sectionId);
    if (courseId !== undefined) tries.set(courseId, (tries.get(courseId) ?? 0) + TRIES_PER_FREED_SEAT);
  };
  for (const e of live.enrollments) if (seats.left.has(e.studentId)) free(e.sectionId);
  for (const r of seats.released) free(r.enrollment.sectionId);
  if (tries.size === 0) return [];
  const wants = waiting
    .flatMap(({ studentId, unmet }) =>
      unmet.map((request) => {
        const alternates = requestsOf.get(studentId)!.filter((r) => r.alternateFor === request.courseId);
        return {
          studentId,
          priority: request.priority,
          courses: [request.courseId, ...alternates.map((a) => a.courseId)],
        };
      }),
    )
    // Stable: equal priorities keep the school's order of requests.
    .sort((a, b) => a.priority - b.priority);
  const tried = new Set<string>();
  for (const want of wants) {
    if (tried.has(want.studentId)) continue;
    const courseId = want.courses.find((c) => (tries.get(c) ?? 0) > 0);
    if (courseId === undefined) continue;
    tries.set(courseId, tries.get(courseId)! - 1);
    tried.add(want.studentId);
  }
  return [...tried];
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
