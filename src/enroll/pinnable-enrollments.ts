import type { CourseRequest, SchoolProblem, Section, Student } from "../domain/problem.ts";
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
  /** The courses of each student's pinned seats. */
  keptCourses: Map<string, Set<string>>;
}

/** What a seat is checked against, worked out once per section rather than once per seat. */
interface SectionFacts {
  section: Section;
  period?: number;
  livePeriod?: number;
  limit: number;
  /** Its teachers that have a student limit (most have none). */
  limitedTeachers: string[];
  seated: number;
  iepSeated: number;
  /** Students seated so far, only kept when the school has avoid pairs. */
  students?: Set<string>;
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
  const courseById = new Map(problem.courses.map((c) => [c.courseId, c]));
  const roomCapacity = new Map(problem.rooms.map((r) => [r.roomId, r.capacity]));
  const teacherLimit = new Map(problem.teachers.filter((t) => t.maxStudents !== undefined).map((t) => [t.teacherId, t.maxStudents!]));
  const placementOf = new Map(placements.map((p) => [p.sectionId, p]));
  const livePeriodOf = new Map(live.sections.map((p) => [p.sectionId, p.period]));
  const hasAvoid = problem.avoid.length > 0;
  const facts = new Map<string, SectionFacts>();
  for (const section of problem.sections) {
    const placement = placementOf.get(section.sectionId);
    const roomId = placement?.roomId ?? section.roomId;
    const room = roomId === undefined ? undefined : roomCapacity.get(roomId);
    facts.set(section.sectionId, {
      section,
      period: placement?.period,
      livePeriod: livePeriodOf.get(section.sectionId),
      limit: Math.min(section.capacity, room ?? Infinity),
      limitedTeachers: [...new Set([placement?.teacherId, placement?.coTeacherId])].filter((t): t is string => t !== undefined && teacherLimit.has(t)),
      seated: 0,
      iepSeated: 0,
      students: hasAvoid ? new Set() : undefined,
    });
  }
  const requestsOf = new Map<string, Map<string, CourseRequest>>();
  for (const r of problem.requests) {
    let byCourse = requestsOf.get(r.studentId);
    if (!byCourse) requestsOf.set(r.studentId, (byCourse = new Map()));
    if (!byCourse.has(r.courseId)) byCourse.set(r.courseId, r);
  }
  const avoidOf = new Map<string, string[]>();
  for (const pair of problem.avoid) {
    for (const [a, b] of [[pair.studentId, pair.otherStudentId], [pair.otherStudentId, pair.studentId]] as const) {
      const list = avoidOf.get(a);
      if (list) list.push(b);
      else avoidOf.set(a, [b]);
    }
  }
  const teacherLoad = new Map<string, number>();
  const coursesHeld = new Map<string, Set<string>>();
  const pinned: Enrollment[] = [];
  const released: ReleasedSeat[] = [];

  /** Why the seat no longer holds, or undefined when it does. */
  const whyNot = (enrollment: Enrollment, student: Student, held: SectionFacts | undefined): string | undefined => {
    if (!held) return `section ${enrollment.sectionId} no longer exists`;
    const { section } = held;
    if (held.period === undefined) return `section ${section.sectionId} is no longer placed`;
    if (held.period !== held.livePeriod) return `section ${section.sectionId} now meets in period ${held.period}`;
    const request = requestsOf.get(student.studentId)?.get(section.courseId);
    if (!request) return `no longer requests ${section.courseId}`;
    const course = courseById.get(section.courseId);
    if (!course || student.grade < course.gradeLow || student.grade > course.gradeHigh) return `grade ${student.grade} is outside ${section.courseId}`;
    if (request.lockedSectionId !== undefined && request.lockedSectionId !== section.sectionId) return `request is now locked to ${request.lockedSectionId}`;
    if (request.requiredSetting !== undefined && request.requiredSetting !== section.setting) return `now requires a ${request.requiredSetting} section`;
    if (section.setting === "sdc" && !student.iep) return `section ${section.sectionId} is SDC and the student has no IEP`;
    // One seat per student and course: a duplicate in the live roster keeps only its first row.
    if (coursesHeld.get(student.studentId)?.has(section.courseId)) return `second seat in ${section.courseId}`;
    if (held.seated >= held.limit) return `section ${section.sectionId} now seats ${held.limit}`;
    if (student.iep && section.iepCapacity !== undefined && held.iepSeated >= section.iepCapacity) return `section ${section.sectionId} now takes ${section.iepCapacity} students with an IEP`;
    const full = held.limitedTeachers.find((t) => (teacherLoad.get(t) ?? 0) >= (teacherLimit.get(t) ?? Infinity));
    if (full !== undefined) return `teacher ${full} now takes ${teacherLimit.get(full)} students`;
    const apart = held.students && avoidOf.get(student.studentId)?.find((other) => held.students!.has(other));
    if (apart !== undefined) return `must be kept apart from ${apart} in section ${section.sectionId}`;
    return undefined;
  };

  for (const enrollment of live.enrollments) {
    const student = studentById.get(enrollment.studentId);
    if (!student) continue;
    const held = facts.get(enrollment.sectionId);
    const reason = whyNot(enrollment, student, held);
    if (reason !== undefined) {
      released.push({ enrollment, reason });
      continue;
    }
    const section = held!.section;
    let courses = coursesHeld.get(student.studentId);
    if (!courses) coursesHeld.set(student.studentId, (courses = new Set()));
    courses.add(section.courseId);
    held!.seated++;
    if (student.iep) held!.iepSeated++;
    held!.students?.add(student.studentId);
    for (const t of held!.limitedTeachers) teacherLoad.set(t, (teacherLoad.get(t) ?? 0) + 1);
    pinned.push(enrollment);
  }
  return { pinned, released, keptCourses: coursesHeld };
}
