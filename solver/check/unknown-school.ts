import type { Problem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import type { Violation } from "./violation.ts";

/** Structural: every roster belongs to a school of the problem. */
export function checkUnknownSchool(problem: Problem, rosters: SchoolRoster[]): Violation[] {
  const known = new Set(problem.schools.map((school) => school.schoolId));
  return rosters
    .filter((roster) => !known.has(roster.schoolId))
    .map((roster) => ({
      constraint: "unknown-school",
      schoolId: roster.schoolId,
      message: `a roster is given for school ${roster.schoolId}, which the problem does not have`,
    }));
}
