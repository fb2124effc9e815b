import type { Problem, SchoolProblem } from "../../src/domain/problem.ts";

/** A one-school problem as the district-wide Problem the validator reads. */
export function asProblem(school: SchoolProblem): Problem {
  const { school: row, ...rest } = school;
  return { schools: [row], ...rest };
}
