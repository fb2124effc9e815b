import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 2: a section never holds more students than its capacity. */
export function checkSectionCapacity(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const number of facts.seatedSections) {
    const section = facts.sectionList[number]!;
    const students = facts.headcount[number]!;
    if (students <= section.capacity) continue;
    violations.push({
      constraint: "section-capacity",
      schoolId: facts.school.schoolId,
      message: `section ${section.sectionId} holds ${students} students but its capacity is ${section.capacity}`,
    });
  }
  return violations;
}
