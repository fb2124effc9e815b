import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 10: a section of length L placed at period p meets in p..p+L-1, all within
 * the school's periods. (That it takes its students, teachers and room in every one of them is
 * checked by the clash checks of constraints 1, 5 and 6, which see every period it meets in.)
 */
export function checkSectionLength(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const periods = facts.school.periods;
  for (const meeting of facts.meeting.values()) {
    const last = meeting.periods[meeting.periods.length - 1]!;
    // A first period outside the day is period-out-of-range's to report.
    if (meeting.period < 1 || meeting.period > periods || last <= periods) continue;
    violations.push({
      constraint: "section-length",
      schoolId: facts.school.schoolId,
      message: `section ${meeting.section.sectionId} of length ${meeting.periods.length} is placed in period ${meeting.period}, so it runs to period ${last}, but the school's periods are 1 to ${periods}`,
    });
  }
  return violations;
}
