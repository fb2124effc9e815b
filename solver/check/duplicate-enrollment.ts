import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a student is enrolled in a section at most once. */
export function checkDuplicateEnrollment(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const seen = new Map<string, Set<string>>();
  for (const { studentId, sectionId } of facts.roster.enrollments) {
    const sections = seen.get(studentId) ?? new Set<string>();
    seen.set(studentId, sections);
    if (!sections.has(sectionId)) {
      sections.add(sectionId);
      continue;
    }
    violations.push({
      constraint: "duplicate-enrollment",
      schoolId: facts.school.schoolId,
      message: `student ${studentId} is enrolled in section ${sectionId} more than once`,
    });
  }
  return violations;
}
