import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a roster places each section once. */
export function checkDuplicateSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const { sectionId } of facts.roster.sections) {
    if (!seen.has(sectionId)) {
      seen.add(sectionId);
      continue;
    }
    violations.push({
      constraint: "duplicate-section",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} is placed more than once in the roster`,
    });
  }
  return violations;
}
