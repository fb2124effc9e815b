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
      // Every period the section meets in (constraint 10: a double period takes both).
      const period =
        teacher === undefined ? undefined : meeting.periods.find((p) => teacher.unavailablePeriods.includes(p));
      if (!teacher || period === undefined) continue;
      violations.push({
        constraint: "teacher-unavailable",
        schoolId: facts.school.schoolId,
        message: `${role} ${teacher.teacherId} of section ${meeting.section.sectionId} is unavailable in period ${period}`,
      });
    }
  }
  return violations;
}
