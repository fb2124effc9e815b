import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a roster places and enrolls only sections its school has. */
export function checkUnknownSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const report = (message: string) =>
    violations.push({ constraint: "unknown-section", schoolId: facts.school.schoolId, message });
  for (const sectionId of facts.placements.keys()) {
    if (!facts.sections.has(sectionId))
      report(`the roster places section ${sectionId}, which the school does not have`);
  }
  for (const { studentId, sectionId } of facts.unknownSectionEnrollments) {
    report(`student ${studentId} is enrolled in section ${sectionId}, which the school does not have`);
  }
  return violations;
}
