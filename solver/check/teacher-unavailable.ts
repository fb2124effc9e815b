import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 5: a teacher or co-teacher never teaches in one of their unavailable_periods. */
export function checkTeacherUnavailable(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const meeting of facts.meeting.values()) {
    const roles: [string, string | undefined][] = [
      ["teacher", meeting.placement.teacherId],
      ["co-teacher", meeting.placement.coTeacherId],
    ];
    for (const [role, teacherId] of roles) {
      const teacher = teacherId === undefined ? undefined : facts.teachers.get(teacherId);
      if (!teacher || !teacher.unavailablePeriods.includes(meeting.period)) continue;
      violations.push({
        constraint: "teacher-unavailable",
        schoolId: facts.school.schoolId,
        message: `${role} ${teacher.teacherId} of section ${meeting.section.sectionId} is unavailable in period ${meeting.period}`,
      });
    }
  }
  return violations;
}
