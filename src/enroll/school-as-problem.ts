import type { Problem, SchoolProblem } from "../domain/problem.ts";

/** One school's rows as the district-wide Problem that importProblem takes. */
export function schoolAsProblem(school: SchoolProblem): Problem {
  const { school: row, ...rest } = school;
  return { schools: [row], ...rest };
}
