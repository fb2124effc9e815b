import { changeText, placementChanges } from "./placement-changes.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 7: a locked section keeps its period, teacher (and co-teacher) and room. */
export function checkLockedSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    const section = facts.sections.get(sectionId);
    if (!section?.locked) continue;
    for (const change of placementChanges(section, placement)) {
      violations.push({
        constraint: "locked-section",
        schoolId: facts.school.schoolId,
        message: `locked section ${sectionId} was moved: ${changeText(change)}`,
      });
    }
  }
  return violations;
}
