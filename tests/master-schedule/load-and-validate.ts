import type { Problem, SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster, SectionPlacement } from "../../src/domain/roster.ts";
import { validateRoster, type Violation } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";

/** A one-school problem as the district-wide Problem the validator reads. */
export function asProblem(school: SchoolProblem): Problem {
  const { school: row, ...rest } = school;
  return { schools: [row], ...rest };
}

/** Loads students onto a built master schedule (the loader, quick) and validates the roster. */
export async function loadAndValidate(
  school: SchoolProblem,
  placements: SectionPlacement[],
): Promise<{ roster: SchoolRoster; violations: Violation[] }> {
  const { roster } = await solveSchool(
    school,
    { seed: 1, quality: "quick", timeLimitMs: 2_000 },
    { placements: placements },
  );
  return { roster, violations: validateRoster(asProblem(school), [roster]) };
}
