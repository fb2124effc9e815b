import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a roster lists every section of its school, placed or not. */
export function checkMissingSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const sectionId of facts.sections.keys()) {
    if (facts.placements.has(sectionId)) continue;
    violations.push({
      constraint: "missing-section",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} of the problem is missing from the roster`,
    });
  }
  return violations;
}
