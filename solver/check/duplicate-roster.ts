import type { SchoolRoster } from "../../src/domain/roster.ts";
import type { Violation } from "./violation.ts";

/** Structural: each school has one roster (only the first one is validated). */
export function checkDuplicateRoster(rosters: SchoolRoster[]): Violation[] {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const roster of rosters) {
    if (!seen.has(roster.schoolId)) {
      seen.add(roster.schoolId);
      continue;
    }
    violations.push({
      constraint: "duplicate-roster",
      schoolId: roster.schoolId,
      message: `school ${roster.schoolId} has more than one roster`,
    });
  }
  return violations;
}
