import { changeText, placementChanges } from "./placement-changes.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Structural: the builder only fills a section's empty period, teacher, co-teacher and room;
 * a given one is kept. (Locked sections are locked-section's to report.)
 */
export function checkGivenPlacementChanged(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    const section = facts.sections.get(sectionId);
    if (!section || section.locked) continue;
    for (const change of placementChanges(section, placement)) {
      violations.push({
        constraint: "given-placement-changed",
        schoolId: facts.school.schoolId,
        message: `section ${sectionId} was given its ${change.field} but the roster changed ${changeText(change)}`,
      });
    }
  }
  return violations;
}
