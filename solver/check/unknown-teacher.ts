import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a placement names only teachers of its school. */
export function checkUnknownTeacher(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    if (!facts.sections.has(sectionId)) continue;
    // The teacher, then the co-teacher (no list of the two per section: garbage on a district).
    for (let k = 0; k < 2; k++) {
      const role = k === 0 ? "teacher" : "co-teacher";
      const teacherId = k === 0 ? placement.teacherId : placement.coTeacherId;
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
