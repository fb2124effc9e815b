import type { Section, SchoolProblem } from "../../src/domain/problem.ts";
import type { Enrollment, SchoolRoster, Unscheduled, UnscheduledReason } from "../../src/domain/roster.ts";

/**
 * The naive loader every benchmark compares against: students in file order, requests by
 * priority then file order, each into the first section of the course that still fits.
 * Correct (it breaks no hard constraint) but makes no attempt to be good. Kept deliberately
 * simple and separate from the real solver, so that it measures what the solver adds.
 */
export function firstFitLoad(problem: SchoolProblem): SchoolRoster {
  const { school } = problem;
  const termIndex = new Map(school.terms.map((term, i) => [term, i]));
  const studentsById = new Map(problem.students.map((s) => [s.studentId, s]));
  const coursesById = new Map(problem.courses.map((c) => [c.courseId, c]));
  const teachersById = new Map(problem.teachers.map((t) => [t.teacherId, t]));
  const roomsById = new Map(problem.rooms.map((r) => [r.roomId, r]));

  const sectionsByCourse = new Map<string, Section[]>();
  for (const section of problem.sections) {
    const list = sectionsByCourse.get(section.courseId) ?? [];
    list.push(section);
    sectionsByCourse.set(section.courseId, list);
  }
  const seatLimit = (section: Section): number => {
    const room = section.roomId === undefined ? undefined : roomsById.get(section.roomId);
    return Math.min(section.capacity, room?.capacity ?? Infinity);
  };
  // A section occupies each of its periods (length of them, v1.1) in each of its terms: one key per (term, period).
  const slotsOf = (section: Section): string[] => {
    if (section.period === undefined) return [];
    const slots: string[] = [];
    for (const t of section.terms)
      for (let k = 0; k < (section.length ?? 1); k++) slots.push(`${termIndex.get(t)}:${section.period + k}`);
    return slots;
  };
  // v1.1: the courses each team has sections of; the courses each link has sections of.
  const teamCourses = new Set<string>();
  const linkCourses = new Set<string>();
  for (const section of problem.sections) {
    if (section.teamId !== undefined) teamCourses.add(JSON.stringify([section.teamId, section.courseId]));
    if (section.linkId !== undefined) linkCourses.add(JSON.stringify([section.linkId, section.courseId]));
  }
  const lunch = school.lunchPeriods ?? [];
  /** True when the busy (term:period) slots leave a lunch period free in every term. */
  const keepsLunch = (busy: Set<string>): boolean =>
    lunch.length === 0 || [...termIndex.values()].every((t) => lunch.some((p) => !busy.has(`${t}:${p}`)));

  const enrolled = new Map<string, string[]>(); // sectionId -> studentIds
  const iepCount = new Map<string, number>();
  const teacherLoad = new Map<string, number>();
  const avoidOf = new Map<string, Set<string>>();
  for (const pair of problem.avoid) {
    for (const [a, b] of [
      [pair.studentId, pair.otherStudentId],
      [pair.otherStudentId, pair.studentId],
    ]) {
      const set = avoidOf.get(a) ?? new Set<string>();
      set.add(b);
      avoidOf.set(a, set);
    }
  }

  const requestsByStudent = new Map<string, typeof problem.requests>();
  for (const request of problem.requests) {
    const list = requestsByStudent.get(request.studentId) ?? [];
    list.push(request);
    requestsByStudent.set(request.studentId, list);
  }

  const enrollments: Enrollment[] = [];
  const unscheduled: Unscheduled[] = [];

  for (const student of problem.students) {
    const requests = requestsByStudent.get(student.studentId) ?? [];
    const busy = new Set<string>();
    const placed: Section[] = [];
    const avoid = avoidOf.get(student.studentId);

    /** Why `section` cannot take this student now, or undefined if it can. */
    const blocker = (section: Section, required: string | undefined): UnscheduledReason | undefined => {
      const course = coursesById.get(section.courseId);
      if (section.period === undefined || !course) return "no_eligible_section";
      if (student.grade < course.gradeLow || student.grade > course.gradeHigh) return "no_eligible_section";
      if (required !== undefined && section.setting !== required) return "setting_unavailable";
      if (section.setting === "sdc" && (!student.iep || required !== "sdc")) return "setting_unavailable";
      // Constraint 11: a team's section is for its students; a team's student takes the team's sections of a course it has.
      if (section.teamId !== undefined && section.teamId !== student.teamId) return "no_eligible_section";
      if (
        section.teamId === undefined &&
        student.teamId !== undefined &&
        teamCourses.has(JSON.stringify([student.teamId, section.courseId]))
      ) {
        return "no_eligible_section";
      }
      const roster = enrolled.get(section.sectionId) ?? [];
      if (roster.length >= seatLimit(section)) return "no_seat";
      if (
        student.iep &&
        section.iepCapacity !== undefined &&
        (iepCount.get(section.sectionId) ?? 0) >= section.iepCapacity
      ) {
        return "no_seat";
      }
      for (const teacherId of [section.teacherId, section.coTeacherId]) {
        const max = teacherId === undefined ? undefined : teachersById.get(teacherId)?.maxStudents;
        if (max !== undefined && (teacherLoad.get(teacherId!) ?? 0) >= max) return "no_seat";
      }
      if (slotsOf(section).some((slot) => busy.has(slot))) return "period_conflict";
      if (avoid && roster.some((other) => avoid.has(other))) return "avoid_conflict";
      // Constraint 12: a linked section ties the student's other courses of the link to it, both ways.
      for (const other of placed) {
        if (other.linkId === section.linkId) continue;
        if (other.linkId !== undefined && linkCourses.has(JSON.stringify([other.linkId, section.courseId])))
          return "link_unavailable";
        if (section.linkId !== undefined && linkCourses.has(JSON.stringify([section.linkId, other.courseId])))
          return "link_unavailable";
      }
      // Constraint 13: a lunch period stays free in every term.
      if (lunch.length > 0 && !keepsLunch(new Set([...busy, ...slotsOf(section)]))) return "no_lunch";
      return undefined;
    };

    const place = (section: Section) => {
      const roster = enrolled.get(section.sectionId) ?? [];
      roster.push(student.studentId);
      enrolled.set(section.sectionId, roster);
      if (student.iep) iepCount.set(section.sectionId, (iepCount.get(section.sectionId) ?? 0) + 1);
      for (const teacherId of [section.teacherId, section.coTeacherId]) {
        if (teacherId !== undefined) teacherLoad.set(teacherId, (teacherLoad.get(teacherId) ?? 0) + 1);
      }
      for (const slot of slotsOf(section)) busy.add(slot);
      placed.push(section);
      enrollments.push({ studentId: student.studentId, sectionId: section.sectionId });
    };

    /** Places the request in its first fitting section; returns the reason of the last refusal if none fits. */
    const tryRequest = (request: (typeof requests)[number]): UnscheduledReason | undefined => {
      const candidates =
        request.lockedSectionId !== undefined
          ? (sectionsByCourse.get(request.courseId) ?? []).filter((s) => s.sectionId === request.lockedSectionId)
          : (sectionsByCourse.get(request.courseId) ?? []);
      let reason: UnscheduledReason =
        request.lockedSectionId !== undefined ? "locked_section_unavailable" : "no_eligible_section";
      for (const section of candidates) {
        const why = blocker(section, request.requiredSetting);
        if (why === undefined) {
          place(section);
          return undefined;
        }
        if (request.lockedSectionId === undefined) reason = why;
      }
      return reason;
    };

    const primaries = requests
      .filter((r) => r.alternateFor === undefined && studentsById.has(r.studentId))
      .sort((a, b) => a.priority - b.priority);
    for (const primary of primaries) {
      const reason = tryRequest(primary);
      if (reason === undefined) continue;
      const alternates = requests.filter((r) => r.alternateFor === primary.courseId);
      if (alternates.some((alternate) => tryRequest(alternate) === undefined)) continue;
      unscheduled.push({
        studentId: student.studentId,
        courseId: primary.courseId,
        priority: primary.priority,
        reason,
      });
    }
  }

  return {
    schoolId: school.schoolId,
    sections: problem.sections.map((s) => ({
      sectionId: s.sectionId,
      period: s.period,
      teacherId: s.teacherId,
      coTeacherId: s.coTeacherId,
      roomId: s.roomId,
    })),
    enrollments,
    unscheduled,
  };
}
