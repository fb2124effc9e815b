import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 5: a teacher or co-teacher never teaches in one of their unavailable_periods. */
export function checkTeacherUnavailable(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const meeting of facts.meeting.values()) {
    // The teacher, then the co-teacher (no list of the two per section: garbage on a district).
    for (let k = 0; k < 2; k++) {
      const role = k === 0 ? "teacher" : "co-teacher";
      const teacherId = k === 0 ? meeting.placement.teacherId : meeting.placement.coTeacherId;
      const teacher = teacherId === undefined ? undefined : facts.teachers.get(teacherId);
      // Every period the section meets in (constraint 10: a double period takes both).
      if (!teacher) continue;
      let period: number | undefined;
      for (const p of meeting.periods) {
        if (!teacher.unavailablePeriods.includes(p)) continue;
        period = p;
        break;
      }
      if (period === undefined) continue;
      violations.push({
        constraint: "teacher-unavailable",
        schoolId: facts.school.schoolId,
        message: `${role} ${teacher.teacherId} of section ${meeting.section.sectionId} is unavailable in period ${period}`,
      });
    }
  }
  return violations;
}
