import type { SchoolFacts } from "./school-facts.ts";
import { termsText } from "./shared-slots.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 13: when the school lists lunch_periods, every student has, in every term,
 * at least one of those periods with no section.
 */
export function checkLunchPeriod(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const lunch = facts.school.lunchPeriods ?? [];
  if (lunch.length === 0) return violations;
  const distinct = new Set(lunch).size;
  const { from, rows } = facts.sectionsOf;
  for (const student of facts.seatedStudents) {
    // Starving a term takes every lunch period, so a student whose sections hold fewer of them
    // (in any terms) has lunch: most students, answered with nothing allocated.
    let held = 0;
    for (let k = from[student]!; k < from[student + 1]!; k++) {
      for (const period of facts.meetingOf[rows[k]!]?.periods ?? []) if (lunch.includes(period)) held++;
    }
    if (held < distinct) continue;
    // term -> lunch period -> the section holding it.
    const taken = new Map<string, Map<number, string>>();
    for (let k = from[student]!; k < from[student + 1]!; k++) {
      const meeting = facts.meetingOf[rows[k]!];
      if (!meeting) continue;
      const section = meeting.section;
      for (const period of meeting.periods) {
        if (!lunch.includes(period)) continue;
        for (const term of meeting.terms) {
          let byPeriod = taken.get(term);
          if (!byPeriod) taken.set(term, (byPeriod = new Map()));
          byPeriod.set(period, section.sectionId);
        }
      }
    }
    const starved: string[] = [];
    let holders = new Set<string>();
    for (const [term, byPeriod] of taken) {
      if (!lunch.every((period) => byPeriod.has(period))) continue;
      starved.push(term);
      holders = new Set([...holders, ...byPeriod.values()]);
    }
    if (starved.length === 0) continue;
    violations.push({
      constraint: "lunch-period",
      schoolId: facts.school.schoolId,
      message: `student ${facts.studentList[student]!.studentId} has no lunch in ${termsText(starved)}: lunch period${lunch.length > 1 ? "s" : ""} ${lunch.join(", ")} ${lunch.length > 1 ? "are" : "is"} taken by sections ${[...holders].join(", ")}`,
    });
  }
  return violations;
}
