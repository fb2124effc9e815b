import type { MeetingSection, SchoolFacts } from "./school-facts.ts";
import { clashesAmong, termsText } from "./shared-slots.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 1: a student is in at most one section per period in any shared term. */
export function checkStudentPeriodClash(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, sections] of facts.sectionsByStudent) {
    if (sections.length < 2) continue;
    // Seats are distinct, so these meeting sections are too.
    const meeting: MeetingSection[] = [];
    for (const section of sections) {
      const placed = facts.meeting.get(section.sectionId);
      if (placed) meeting.push(placed);
    }
    for (const clash of clashesAmong(meeting)) {
      violations.push({
        constraint: "student-period-clash",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in sections ${clash.first.section.sectionId} and ${clash.second.section.sectionId}, which both meet in period ${clash.period} of ${termsText(clash.terms)}`,
      });
    }
  }
  return violations;
}
