import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 4: students without an IEP are never placed in an sdc section. */
export function checkSdcNeedsIep(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const { student, section } of facts.seats) {
    if (section.setting !== "sdc" || student.iep) continue;
    violations.push({
      constraint: "sdc-needs-iep",
      schoolId: facts.school.schoolId,
      message: `student ${student.studentId} has no IEP but is in special day class ${section.sectionId}`,
    });
  }
  return violations;
}
