import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 9: a student gets at most one section per course. */
export function checkOneSectionPerCourse(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, byCourse] of facts.seatsByStudentCourse) {
    for (const [courseId, sections] of byCourse) {
      if (sections.length < 2) continue;
      violations.push({
        constraint: "one-section-per-course",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in ${sections.length} sections of course ${courseId}: ${sections.map((section) => section.sectionId).join(", ")}`,
      });
    }
  }
  return violations;
}
