import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a section with no period meets never, so it holds no students. */
export function checkEnrollmentInUnplacedSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const section of facts.seatedSections) {
    if (facts.meetingOf[section]) continue;
    // Its students in roster order, found again: only a broken roster gets here.
    const students: string[] = [];
    for (let i = 0; i < facts.seats.section.length; i++) {
      if (facts.seats.section[i] === section) students.push(facts.studentList[facts.seats.student[i]!]!.studentId);
    }
    violations.push({
      constraint: "enrollment-in-unplaced-section",
      schoolId: facts.school.schoolId,
      message: `section ${facts.sectionList[section]!.sectionId} has no period yet holds ${students.length} student(s): ${students.join(", ")}`,
    });
  }
  return violations;
}
