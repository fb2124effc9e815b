import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a section with no period meets never, so it holds no students. */
export function checkEnrollmentInUnplacedSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, students] of facts.studentsBySection) {
    if (facts.meeting.has(sectionId)) continue;
    violations.push({
      constraint: "enrollment-in-unplaced-section",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} has no period yet holds ${students.length} student(s): ${students.map((student) => student.studentId).join(", ")}`,
    });
  }
  return violations;
}
