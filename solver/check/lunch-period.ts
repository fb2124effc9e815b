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
  for (const [studentId, sections] of facts.sectionsByStudent) {
    // term -> lunch period -> the section holding it.
    const taken = new Map<string, Map<number, string>>();
    for (const section of sections) {
      const meeting = facts.meeting.get(section.sectionId);
      if (!meeting) continue;
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
      message: `student ${studentId} has no lunch in ${termsText(starved)}: lunch period${lunch.length > 1 ? "s" : ""} ${lunch.join(", ")} ${lunch.length > 1 ? "are" : "is"} taken by sections ${[...holders].join(", ")}`,
    });
  }
  return violations;
}
