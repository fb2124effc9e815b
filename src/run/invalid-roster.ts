/**
 * The gate every roster passes before it is written as a result or made live: the independent
 * validator (solver/check), on exactly the schools the roster is for. A roster that breaks a
 * hard constraint is a fault of the solver, never something to hand a school.
 */
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { joinSchools } from "../domain/join-schools.ts";
import { groupBySchool } from "../domain/group-by-school.ts";
import { validateRoster, validateSchoolRoster, type Violation } from "../../solver/check/validate-roster.ts";

/** Violations listed in full in the message; the rest are counted. */
const SHOWN = 200;

/** One violation as a line: `school: constraint: what is wrong`. */
export function formatViolation(v: Violation): string {
  return `${v.schoolId}: ${v.constraint}: ${v.message}`;
}

/** The violations, one a line, the first `SHOWN` of them. */
export function formatViolations(violations: readonly Violation[]): string[] {
  const more = violations.length > SHOWN ? [`... and ${violations.length - SHOWN} more`] : [];
  return [...violations.slice(0, SHOWN).map(formatViolation), ...more];
}

/** A roster broke a hard constraint: it was not written, saved as a result or published. */
export class InvalidRosterError extends Error {
  constructor(
    readonly violations: Violation[],
    what = "the roster",
  ) {
    super(
      [`${what} breaks ${violations.length} hard constraint(s) and was refused:`, ...formatViolations(violations)].join(
        "\n",
      ),
    );
    this.name = "InvalidRosterError";
  }
}

/**
 * Throws InvalidRosterError unless `rosters` keep every hard constraint of `problem`. Only the
 * schools the rosters are for are checked (a school that failed to run is not a violation).
 */
export function assertValidRosters(problem: Problem, rosters: SchoolRoster[], what?: string): void {
  const scheduled = new Set(rosters.map((r) => r.schoolId));
  const checked =
    scheduled.size === problem.schools.length
      ? problem
      : joinSchools(groupBySchool(problem).filter((s) => scheduled.has(s.school.schoolId)));
  const violations = validateRoster(checked, rosters);
  if (violations.length > 0) throw new InvalidRosterError(violations, what);
}

/**
 * assertValidRosters of one school's problem and its roster, checked as the school it is: the
 * same verdict without joining the school into a district problem for the validator to split again.
 */
export function assertValidSchoolRoster(problem: SchoolProblem, roster: SchoolRoster, what?: string): void {
  const violations = validateSchoolRoster(problem, roster);
  if (violations.length > 0) throw new InvalidRosterError(violations, what);
}
