import type { SchoolProblem } from "../../src/domain/problem.ts";

/**
 * Numbers a school's terms 0..n-1: the school's own first, in order, then any a section names
 * that the school does not list (such a term still occupies slots of its own).
 */
export function termIndexOf(problem: SchoolProblem): Map<string, number> {
  const termIndex = new Map<string, number>();
  for (const term of problem.school.terms) if (!termIndex.has(term)) termIndex.set(term, termIndex.size);
  for (const section of problem.sections) {
    for (const term of section.terms) if (!termIndex.has(term)) termIndex.set(term, termIndex.size);
  }
  return termIndex;
}
