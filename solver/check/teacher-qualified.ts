import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";
import { TEACHING_ROLES } from "./teaching-roles.ts";

/**
 * Structural: a teacher or co-teacher the builder assigned (the input left it empty) is
 * qualified for the section's course: the course is in qualified_courses, or that list is empty.
 */
export function checkTeacherQualified(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    const section = facts.sections.get(sectionId);
    if (!section) continue;
    for (const { role, field } of TEACHING_ROLES) {
      const given = section[field];
      const placed = placement[field];
      if (given !== undefined || placed === undefined) continue;
      const teacher = facts.teachers.get(placed);
      if (!teacher || teacher.qualifiedCourses.length === 0 || teacher.qualifiedCourses.includes(section.courseId)) {
        continue;
      }
      violations.push({
        constraint: "teacher-qualified",
        schoolId: facts.school.schoolId,
        message: `${role} ${placed} was assigned to section ${sectionId} of course ${section.courseId} but is qualified only for ${teacher.qualifiedCourses.join(", ")}`,
      });
    }
  }
  return violations;
}
