import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a roster enrolls only students of its school. */
export function checkUnknownStudent(facts: SchoolFacts): Violation[] {
  return facts.unknownStudentEnrollments.map(({ studentId, sectionId }) => ({
    constraint: "unknown-student",
    schoolId: facts.school.schoolId,
    message: `the roster enrolls student ${studentId} in section ${sectionId}, but the school has no such student`,
  }));
}
