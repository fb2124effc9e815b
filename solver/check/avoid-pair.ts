import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 8: two students of an avoid.csv pair never share a section. */
export function checkAvoidPair(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const pair of facts.avoid) {
    if (pair.studentId === pair.otherStudentId) continue;
    const mine = facts.sectionsByStudent.get(pair.studentId);
    const theirs = facts.sectionsByStudent.get(pair.otherStudentId);
    if (!mine || !theirs) continue;
    const theirIds = new Set(theirs.map((section) => section.sectionId));
    for (const section of mine) {
      if (!theirIds.has(section.sectionId)) continue;
      violations.push({
        constraint: "avoid-pair",
        schoolId: facts.school.schoolId,
        message: `students ${pair.studentId} and ${pair.otherStudentId} must be kept apart but are both in section ${section.sectionId}`,
      });
    }
  }
  return violations;
}
