import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";
import { TEACHING_ROLES } from "./teaching-roles.ts";

/** Hard constraint 5: a teacher or co-teacher never teaches in one of their unavailable_periods. */
export function checkTeacherUnavailable(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const meeting of facts.meeting.values()) {
    for (const { role, field } of TEACHING_ROLES) {
      const teacherId = meeting.placement[field];
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
