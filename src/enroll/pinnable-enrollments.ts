import type { SchoolProblem } from "../domain/problem.ts";
import type { Enrollment, SchoolRoster, SectionPlacement } from "../domain/roster.ts";

/** A live seat that no longer holds, and why. */
export interface ReleasedSeat {
  enrollment: Enrollment;
  reason: string;
}

/** The live seats an incremental run keeps, and those it must let go. */
export interface PinnableSeats {
  pinned: Enrollment[];
  /** Seats of students still at the school that no longer fit (students who left are not listed). */
  released: ReleasedSeat[];
}

/**
 * Splits the live roster's enrollments into those that still hold for the current problem and
 * those that do not. A seat holds when student and section still exist, the section is still
 * placed in the same period, the student still requests its course in a way the section satisfies (grade, locked
 * section, required setting, SDC needs an IEP), and, in live order, it still fits the section's
 * seats, room, IEP limit, teachers' student limits and avoid pairs (a cut capacity or a new pair releases the later seats).
 */
export function pinnableEnrollments(problem: SchoolProblem, live: SchoolRoster, placements: SectionPlacement[]): PinnableSeats {
  const studentById = new Map(problem.students.map((s) => [s.studentId, s]));
  const sectionById = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const courseById = new Map(problem.courses.map((c) => [c.courseId, c]));
  const placementOf = new Map(placements.map((p) => [p.sectionId, p]));
  const roomCapacity = new Map(problem.rooms.map((r) => [r.roomId, r.capacity]));
  const teacherLimit = new Map(problem.teachers.filter((t) => t.maxStudents !== undefined).map((t) => [t.teacherId, t.maxStudents!]));
  const teacherLoad = new Map<string, number>();
  const teachersOf = (sectionId: string): string[] => {
    const p = placementOf.get(sectionId);
    return [...new Set([p?.teacherId, p?.coTeacherId].filter((t): t is string => t !== undefined))];
  };
  const livePeriodOf = new Map(live.sections.map((p) => [p.sectionId, p.period]));
  const requestOf = new Map(problem.requests.map((r) => [`${r.studentId}|${r.courseId}`, r]));
  const avoidOf = new Map<string, string[]>();
  for (const pair of problem.avoid) {
    avoidOf.set(pair.studentId, [...(avoidOf.get(pair.studentId) ?? []), pair.otherStudentId]);
    avoidOf.set(pair.otherStudentId, [...(avoidOf.get(pair.otherStudentId) ?? []), pair.studentId]);
  }
  const seen = new Set<string>();
  const seated = new Map<string, { all: number; iep: number; students: Set<string> }>();
  const pinned: Enrollment[] = [];
  const released: ReleasedSeat[] = [];

  /** Why the seat no longer holds, or undefined when it does. */
  const whyNot = (enrollment: Enrollment): string | undefined => {
    const student = studentById.get(enrollment.studentId)!;
    const section = sectionById.get(enrollment.sectionId);
    const placement = placementOf.get(enrollment.sectionId);
    if (!section) return `section ${enrollment.sectionId} no longer exists`;
    if (placement?.period === undefined) return `section ${section.sectionId} is no longer placed`;
    if (placement.period !== livePeriodOf.get(section.sectionId)) return `section ${section.sectionId} now meets in period ${placement.period}`;
    const request = requestOf.get(`${student.studentId}|${section.courseId}`);
    if (!request) return `no longer requests ${section.courseId}`;
    const course = courseById.get(section.courseId);
    if (!course || student.grade < course.gradeLow || student.grade > course.gradeHigh) return `grade ${student.grade} is outside ${section.courseId}`;
    if (request.lockedSectionId !== undefined && request.lockedSectionId !== section.sectionId) return `request is now locked to ${request.lockedSectionId}`;
    if (request.requiredSetting !== undefined && request.requiredSetting !== section.setting) return `now requires a ${request.requiredSetting} section`;
    if (section.setting === "sdc" && !student.iep) return `section ${section.sectionId} is SDC and the student has no IEP`;
    // One seat per student and course: a duplicate in the live roster keeps only its first row.
    if (seen.has(`${student.studentId}|${section.courseId}`)) return `second seat in ${section.courseId}`;
    const held = seated.get(section.sectionId) ?? { all: 0, iep: 0, students: new Set<string>() };
    const roomId = placement.roomId ?? section.roomId;
    const limit = Math.min(section.capacity, roomId === undefined ? Infinity : roomCapacity.get(roomId) ?? Infinity);
    if (held.all >= limit) return `section ${section.sectionId} now seats ${limit}`;
    if (student.iep && section.iepCapacity !== undefined && held.iep >= section.iepCapacity) return `section ${section.sectionId} now takes ${section.iepCapacity} students with an IEP`;
    const full = teachersOf(section.sectionId).find((t) => (teacherLoad.get(t) ?? 0) >= (teacherLimit.get(t) ?? Infinity));
    if (full !== undefined) return `teacher ${full} now takes ${teacherLimit.get(full)} students`;
    const apart = (avoidOf.get(student.studentId) ?? []).find((other) => held.students.has(other));
    if (apart !== undefined) return `must be kept apart from ${apart} in section ${section.sectionId}`;
    return undefined;
  };

  for (const enrollment of live.enrollments) {
    const student = studentById.get(enrollment.studentId);
    if (!student) continue;
    const reason = whyNot(enrollment);
    if (reason !== undefined) {
      released.push({ enrollment, reason });
      continue;
    }
    const section = sectionById.get(enrollment.sectionId)!;
    seen.add(`${student.studentId}|${section.courseId}`);
    const held = seated.get(section.sectionId) ?? { all: 0, iep: 0, students: new Set<string>() };
    held.all++;
    if (student.iep) held.iep++;
    held.students.add(student.studentId);
    for (const t of teachersOf(section.sectionId)) teacherLoad.set(t, (teacherLoad.get(t) ?? 0) + 1);
    seated.set(section.sectionId, held);
    pinned.push(enrollment);
  }
  return { pinned, released };
}
