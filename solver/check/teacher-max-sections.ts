import type { SchoolFacts } from "./school-facts.ts";
import { teacherSections } from "./teacher-sections.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 5: a teacher has at most max_sections sections, co-taught ones included. */
export function checkTeacherMaxSections(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [teacherId, sections] of teacherSections(facts)) {
    const limit = facts.teachers.get(teacherId)?.maxSections;
    if (limit === undefined || sections.length <= limit) continue;
    const names = sections.map((meeting) => meeting.section.sectionId).join(", ");
    violations.push({
      constraint: "teacher-max-sections",
      schoolId: facts.school.schoolId,
      message: `teacher ${teacherId} has ${sections.length} sections (${names}) but max_sections is ${limit}`,
    });
  }
  return violations;
}
