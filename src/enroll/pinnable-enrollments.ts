import type { CourseRequest, SchoolProblem, Section, Student } from "../domain/problem.ts";
import type { Enrollment, SchoolRoster, SectionPlacement } from "../domain/roster.ts";
import { requestsByStudent } from "../domain/requests-by-student.ts";

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
  keptCourses: Map<string, string[]>;
  /** Students with live seats who are no longer at the school. */
  left: Set<string>;
}

/** What a seat is checked against, worked out once per section rather than once per seat. */
interface SectionFacts {
  section: Section;
  period?: number;
  livePeriod?: number;
  limit: number;
  course: { gradeLow: number; gradeHigh: number } | undefined;
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
 * seats, room, IEP limit, teachers' student limits and avoid pairs (a cut capacity or a new pair releases the later seats),
 * and the v1.1 rules: the student's team, links with the seats kept before it, a lunch period left free.
 * This runs over every seat of the school for each late student, so its loops create no
 * closures and look each id up once.
 */
export function pinnableEnrollments(
  problem: SchoolProblem,
  live: SchoolRoster,
  placements: SectionPlacement[],
  requestsOf: ReadonlyMap<string, CourseRequest[]> = requestsByStudent(problem),
): PinnableSeats {
  const studentById = new Map<
    string,
    { student: Student; requests: CourseRequest[]; kept: string[] | undefined; keptSections?: SectionFacts[] }
  >();
  for (const student of problem.students)
    studentById.set(student.studentId, {
      student,
      requests: requestsOf.get(student.studentId) ?? noRequests,
      kept: undefined,
    });
  const v11 = v11Rules(problem);
  const courseById = new Map(problem.courses.map((c) => [c.courseId, c]));
  const roomCapacity = new Map(problem.rooms.map((r) => [r.roomId, r.capacity]));
  const teacherLimit = new Map(
    problem.teachers.filter((t) => t.maxStudents !== undefined).map((t) => [t.teacherId, t.maxStudents!]),
  );
  const placementOf = new Map(placements.map((p) => [p.sectionId, p]));
  const livePeriodOf = new Map(live.sections.map((p) => [p.sectionId, p.period]));
  const hasAvoid = problem.avoid.length > 0;
  const noTeachers: string[] = [];
  const facts = new Map<string, SectionFacts>();
  for (const section of problem.sections) {
    const placement = placementOf.get(section.sectionId);
    const roomId = placement?.roomId ?? section.roomId;
    const room = roomId === undefined ? undefined : roomCapacity.get(roomId);
    const limited = [placement?.teacherId, placement?.coTeacherId].filter(
      (t, i, all): t is string => t !== undefined && teacherLimit.has(t) && all.indexOf(t) === i,
    );
    facts.set(section.sectionId, {
      section,
      period: placement?.period,
      livePeriod: livePeriodOf.get(section.sectionId),
      limit: Math.min(section.capacity, room ?? Infinity),
      course: courseById.get(section.courseId),
      limitedTeachers: limited.length > 0 ? limited : noTeachers,
      seated: 0,
      iepSeated: 0,
      students: hasAvoid ? new Set() : undefined,
    });
  }
  const avoidOf = new Map<string, string[]>();
  for (const pair of problem.avoid) {
    for (const [a, b] of [
      [pair.studentId, pair.otherStudentId],
      [pair.otherStudentId, pair.studentId],
    ] as const) {
      const list = avoidOf.get(a);
      if (list) list.push(b);
      else avoidOf.set(a, [b]);
    }
  }
  const teacherLoad = new Map<string, number>();
  const keptCourses = new Map<string, string[]>();
  const pinned: Enrollment[] = [];
  const released: ReleasedSeat[] = [];
  const left = new Set<string>();

  for (const enrollment of live.enrollments) {
    const info = studentById.get(enrollment.studentId);
    if (!info) {
      left.add(enrollment.studentId);
      continue;
    }
    const { student } = info;
    const held = facts.get(enrollment.sectionId);
    const kept = info.kept;
    let reason: string | undefined;
    if (!held) {
      reason = `section ${enrollment.sectionId} no longer exists`;
    } else {
      const { section } = held;
      let request: CourseRequest | undefined;
      for (const r of info.requests) {
        if (r.courseId === section.courseId) {
          request = r;
          break;
        }
      }
      const course = held.course;
      if (held.period === undefined) reason = `section ${section.sectionId} is no longer placed`;
      else if (held.period !== held.livePeriod)
        reason = `section ${section.sectionId} now meets in period ${held.period}`;
      else if (!request) reason = `no longer requests ${section.courseId}`;
      else if (!course || student.grade < course.gradeLow || student.grade > course.gradeHigh)
        reason = `grade ${student.grade} is outside ${section.courseId}`;
      else if (request.lockedSectionId !== undefined && request.lockedSectionId !== section.sectionId)
        reason = `request is now locked to ${request.lockedSectionId}`;
      else if (request.requiredSetting !== undefined && request.requiredSetting !== section.setting)
        reason = `now requires a ${request.requiredSetting} section`;
      else if (section.setting === "sdc" && !student.iep)
        reason = `section ${section.sectionId} is SDC and the student has no IEP`;
      // One seat per student and course: a duplicate in the live roster keeps only its first row.
      else if (kept?.includes(section.courseId)) reason = `second seat in ${section.courseId}`;
      else if (held.seated >= held.limit) reason = `section ${section.sectionId} now seats ${held.limit}`;
      else if (student.iep && section.iepCapacity !== undefined && held.iepSeated >= section.iepCapacity)
        reason = `section ${section.sectionId} now takes ${section.iepCapacity} students with an IEP`;
      else if (held.limitedTeachers.length > 0)
        reason =
          teacherFull(held.limitedTeachers, teacherLoad, teacherLimit) ??
          (held.students ? partnerIn(held, avoidOf.get(student.studentId)) : undefined);
      else if (held.students) reason = partnerIn(held, avoidOf.get(student.studentId));
      if (reason === undefined && v11) reason = v11Conflict(v11, student, held, info.keptSections);
    }
    if (reason !== undefined) {
      released.push({ enrollment, reason });
      continue;
    }
    const courseId = held!.section.courseId;
    if (kept) kept.push(courseId);
    else info.kept = [courseId];
    held!.seated++;
    if (v11) (info.keptSections ??= []).push(held!);
    if (student.iep) held!.iepSeated++;
    if (held!.students && avoidOf.has(student.studentId)) held!.students.add(student.studentId);
    for (const t of held!.limitedTeachers) teacherLoad.set(t, (teacherLoad.get(t) ?? 0) + 1);
    pinned.push(enrollment);
  }
  for (const [studentId, info] of studentById) if (info.kept) keptCourses.set(studentId, info.kept);
  return { pinned, released, keptCourses, left };
}

const noRequests: CourseRequest[] = [];

/** Why a seat under these teachers no longer fits their student limits, if it does not. */
function teacherFull(
  teachers: readonly string[],
  load: ReadonlyMap<string, number>,
  limit: ReadonlyMap<string, number>,
): string | undefined {
  for (const t of teachers)
    if ((load.get(t) ?? 0) >= limit.get(t)!) return `teacher ${t} now takes ${limit.get(t)} students`;
  return undefined;
}

/** Why a seat is barred by an avoid partner already seated in the section, if it is. */
function partnerIn(held: SectionFacts, partners: readonly string[] | undefined): string | undefined {
  if (!held.students || !partners) return undefined;
  for (const other of partners)
    if (held.students.has(other)) return `must be kept apart from ${other} in section ${held.section.sectionId}`;
  return undefined;
}

/** The v1.1 facts a kept seat is checked against; undefined when the school uses none of them. */
interface V11Rules {
  /** "team|course" for every course a team has sections of. */
  teamCourses: Set<string>;
  /** "link|course" for every course a link has sections of. */
  linkCourses: Set<string>;
  lunch: readonly number[];
}

function v11Rules(problem: SchoolProblem): V11Rules | undefined {
  const lunch = problem.school.lunchPeriods ?? [];
  const teamCourses = new Set<string>();
  const linkCourses = new Set<string>();
  for (const section of problem.sections) {
    if (section.teamId !== undefined) teamCourses.add(`${section.teamId}\u0000${section.courseId}`);
    if (section.linkId !== undefined) linkCourses.add(`${section.linkId}\u0000${section.courseId}`);
  }
  if (teamCourses.size === 0 && linkCourses.size === 0 && lunch.length === 0) return undefined;
  return { teamCourses, linkCourses, lunch };
}

/** Why a seat breaks constraint 11, 12 or 13 beside the student's seats kept so far, if it does. */
function v11Conflict(
  rules: V11Rules,
  student: Student,
  held: SectionFacts,
  kept: readonly SectionFacts[] | undefined,
): string | undefined {
  const { section } = held;
  if (section.teamId !== undefined && section.teamId !== student.teamId)
    return `section ${section.sectionId} is for team ${section.teamId}`;
  if (
    section.teamId === undefined &&
    student.teamId !== undefined &&
    rules.teamCourses.has(`${student.teamId}\u0000${section.courseId}`)
  ) {
    return `team ${student.teamId} has its own sections of ${section.courseId}`;
  }
  for (const other of kept ?? []) {
    const o = other.section;
    if (o.linkId === section.linkId) continue;
    if (
      (o.linkId !== undefined && rules.linkCourses.has(`${o.linkId}\u0000${section.courseId}`)) ||
      (section.linkId !== undefined && rules.linkCourses.has(`${section.linkId}\u0000${o.courseId}`))
    ) {
      return `section ${section.sectionId} is not in link ${o.linkId ?? section.linkId} with section ${o.sectionId}`;
    }
  }
  if (rules.lunch.length > 0) {
    const taken = new Set<string>();
    for (const facts of [...(kept ?? []), held]) {
      for (let p = facts.period!; p < facts.period! + (facts.section.length ?? 1); p++) {
        if (rules.lunch.includes(p)) for (const term of facts.section.terms) taken.add(`${term}\u0000${p}`);
      }
    }
    for (const term of section.terms) {
      if (rules.lunch.every((p) => taken.has(`${term}\u0000${p}`)))
        return `section ${section.sectionId} takes the last lunch period of ${term}`;
    }
  }
  return undefined;
}
