import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a placement names only teachers of its school. */
export function checkUnknownTeacher(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    if (!facts.sections.has(sectionId)) continue;
    const roles: [string, string | undefined][] = [
      ["teacher", placement.teacherId],
      ["co-teacher", placement.coTeacherId],
    ];
    for (const [role, teacherId] of roles) {
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
