import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 4: a section never holds more IEP students than its iep_capacity. */
export function checkIepCapacity(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const number of facts.seatedSections) {
    const section = facts.sectionList[number]!;
    const limit = section.iepCapacity;
    const withIep = facts.iepHeadcount[number]!;
    if (limit === undefined || withIep <= limit) continue;
    violations.push({
      constraint: "iep-capacity",
      schoolId: facts.school.schoolId,
      message: `section ${section.sectionId} holds ${withIep} students with an IEP but its iep_capacity is ${limit}`,
    });
  }
  return violations;
}
