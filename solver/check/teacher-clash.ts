import type { SchoolFacts } from "./school-facts.ts";
import { clashesAmong, termsText } from "./shared-slots.ts";
import { teacherSections } from "./teacher-sections.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 5: a teacher, as teacher or co-teacher, is in at most one section per period
 * in any shared term; nor may one person be both the teacher and the co-teacher of a section.
 */
export function checkTeacherClash(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const meeting of facts.meeting.values()) {
    const { teacherId, coTeacherId } = meeting.placement;
    if (teacherId === undefined || teacherId !== coTeacherId) continue;
    violations.push({
      constraint: "teacher-clash",
      schoolId: facts.school.schoolId,
      message: `teacher ${teacherId} is both the teacher and the co-teacher of section ${meeting.section.sectionId}`,
    });
  }
  for (const [teacherId, sections] of teacherSections(facts)) {
    for (const clash of clashesAmong(sections)) {
      violations.push({
        constraint: "teacher-clash",
        schoolId: facts.school.schoolId,
        message: `teacher ${teacherId} teaches sections ${clash.first.section.sectionId} and ${clash.second.section.sectionId}, which both meet in period ${clash.period} of ${termsText(clash.terms)}`,
      });
    }
  }
  return violations;
}
