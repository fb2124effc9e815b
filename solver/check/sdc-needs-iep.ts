import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 4: students without an IEP are never placed in an sdc section. */
export function checkSdcNeedsIep(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { seats, studentList, sectionList } = facts;
  for (let i = 0; i < seats.student.length; i++) {
    const student = studentList[seats.student[i]!]!;
    const section = sectionList[seats.section[i]!]!;
    if (section.setting !== "sdc" || student.iep) continue;
    violations.push({
      constraint: "sdc-needs-iep",
      schoolId: facts.school.schoolId,
      message: `student ${student.studentId} has no IEP but is in special day class ${section.sectionId}`,
    });
  }
  return violations;
}
