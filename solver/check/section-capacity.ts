import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 2: a section never holds more students than its capacity. */
export function checkSectionCapacity(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, students] of facts.studentsBySection) {
    const section = facts.sections.get(sectionId)!;
    if (students.length <= section.capacity) continue;
    violations.push({
      constraint: "section-capacity",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} holds ${students.length} students but its capacity is ${section.capacity}`,
    });
  }
  return violations;
}
