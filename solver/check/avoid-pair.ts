import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 8: two students of an avoid.csv pair never share a section. */
export function checkAvoidPair(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { from, rows } = facts.sectionsOf;
  for (const pair of facts.avoid) {
    if (pair.studentId === pair.otherStudentId) continue;
    const mine = facts.studentNumber.get(pair.studentId);
    const theirs = facts.studentNumber.get(pair.otherStudentId);
    if (mine === undefined || theirs === undefined) continue;
    for (let i = from[mine]!; i < from[mine + 1]!; i++) {
      let shared = false;
      for (let j = from[theirs]!; j < from[theirs + 1]! && !shared; j++) shared = rows[j] === rows[i];
      if (!shared) continue;
      violations.push({
        constraint: "avoid-pair",
        schoolId: facts.school.schoolId,
        message: `students ${pair.studentId} and ${pair.otherStudentId} must be kept apart but are both in section ${facts.sectionList[rows[i]!]!.sectionId}`,
      });
    }
  }
  return violations;
}
