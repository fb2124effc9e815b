import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";
import { TEACHING_ROLES } from "./teaching-roles.ts";

/** Structural: a placement names only teachers of its school. */
export function checkUnknownTeacher(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    if (!facts.sections.has(sectionId)) continue;
    for (const { role, field } of TEACHING_ROLES) {
      const teacherId = placement[field];
      if (teacherId === undefined || facts.teachers.has(teacherId)) continue;
      violations.push({
        constraint: "unknown-teacher",
        schoolId: facts.school.schoolId,
        message: `section ${sectionId} has ${role} ${teacherId}, who is not a teacher of the school`,
      });
    }
  }
  return violations;
}
