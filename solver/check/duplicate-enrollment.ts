import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a student is enrolled in a section at most once. */
export function checkDuplicateEnrollment(facts: SchoolFacts): Violation[] {
  return facts.repeatedEnrollments.map(({ studentId, sectionId }) => ({
    constraint: "duplicate-enrollment",
    schoolId: facts.school.schoolId,
    message: `student ${studentId} is enrolled in section ${sectionId} more than once`,
  }));
}
