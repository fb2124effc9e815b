import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a placement names only rooms of its school. */
export function checkUnknownRoom(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, placement] of facts.placements) {
    if (!facts.sections.has(sectionId) || placement.roomId === undefined) continue;
    if (facts.rooms.has(placement.roomId)) continue;
    violations.push({
      constraint: "unknown-room",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} is placed in room ${placement.roomId}, which the school does not have`,
    });
  }
  return violations;
}
