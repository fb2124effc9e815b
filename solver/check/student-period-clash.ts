import type { MeetingSection, SchoolFacts } from "./school-facts.ts";
import { clashesAmong, termsText } from "./shared-slots.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 1: a student is in at most one section per period in any shared term. */
export function checkStudentPeriodClash(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { from, rows } = facts.sectionsOf;
  // One list for every student, emptied between them: an array per student was a district's 683,000.
  const meeting: MeetingSection[] = [];
  for (const student of facts.seatedStudents) {
    if (from[student + 1]! - from[student]! < 2) continue;
    // Seats are distinct, so these meeting sections are too.
    meeting.length = 0;
    for (let k = from[student]!; k < from[student + 1]!; k++) {
      const placed = facts.meetingOf[rows[k]!];
      if (placed) meeting.push(placed);
    }
    for (const clash of clashesAmong(meeting)) {
      violations.push({
        constraint: "student-period-clash",
        schoolId: facts.school.schoolId,
        message: `student ${facts.studentList[student]!.studentId} is in sections ${clash.first.section.sectionId} and ${clash.second.section.sectionId}, which both meet in period ${clash.period} of ${termsText(clash.terms)}`,
      });
    }
  }
  return violations;
}
