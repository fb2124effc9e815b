import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Structural: a placed period is one of the school's periods, 1..periods. */
export function checkPeriodOutOfRange(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const periods = facts.school.periods;
  for (const meeting of facts.meeting.values()) {
    const period = meeting.period;
    if (Number.isInteger(period) && period >= 1 && period <= periods) continue;
    violations.push({
      constraint: "period-out-of-range",
      schoolId: facts.school.schoolId,
      message: `section ${meeting.section.sectionId} is placed in period ${period}, but the school's periods are 1 to ${periods}`,
    });
  }
  return violations;
}
