import type { Problem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import type { Violation } from "./violation.ts";

/** Structural: every school of the problem has a roster (validate a one-school run against that school's problem). */
export function checkMissingRoster(problem: Problem, rosters: SchoolRoster[]): Violation[] {
  const given = new Set(rosters.map((roster) => roster.schoolId));
  return problem.schools
    .filter((school) => !given.has(school.schoolId))
    .map((school) => ({
      constraint: "missing-roster",
      schoolId: school.schoolId,
      message: `school ${school.schoolId} of the problem has no roster`,
    }));
}
