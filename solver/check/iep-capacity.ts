import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 4: a section never holds more IEP students than its iep_capacity. */
export function checkIepCapacity(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [sectionId, students] of facts.studentsBySection) {
    const limit = facts.sections.get(sectionId)!.iepCapacity;
    if (limit === undefined) continue;
    const withIep = students.filter((student) => student.iep).length;
    if (withIep <= limit) continue;
    violations.push({
      constraint: "iep-capacity",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} holds ${withIep} students with an IEP but its iep_capacity is ${limit}`,
    });
  }
  return violations;
}
