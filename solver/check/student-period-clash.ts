import type { MeetingSection, SchoolFacts } from "./school-facts.ts";
import { clashesAmong, termsText } from "./shared-slots.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 1: a student is in at most one section per period in any shared term. */
export function checkStudentPeriodClash(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { from, rows } = facts.sectionsOf;
  // One list for every student, emptied between them: an array per student was a district's 683,000.
  const meeting: MeetingSection[] = [];
  const termBits = termBitsOf(facts);
  const seen = new Int32Array(MASKED_TERMS);
  for (const student of facts.seatedStudents) {
    if (from[student + 1]! - from[student]! < 2 || !mayClash(facts, student, termBits, seen)) continue;
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

/**
 * Whether two of the student's sections meet in one period of one term: only then can they
 * clash. The common case, a valid roster's student (S1 and S2 sections side by side in a
 * period included), is answered from a bit mask of the periods per term with nothing allocated;
 * a period outside 0..30 or a term the mask does not cover leaves it to clashesAmong.
 */
function mayClash(facts: SchoolFacts, student: number, termBits: Int32Array, seen: Int32Array): boolean {
  const { from, rows } = facts.sectionsOf;
  seen.fill(0);
  for (let k = from[student]!; k < from[student + 1]!; k++) {
    const meeting = facts.meetingOf[rows[k]!];
    if (!meeting) continue;
    const terms = termBits[meeting.number]!;
    if (terms < 0) return true;
    for (const period of meeting.periods) {
      if (!(period >= 0 && period < 31)) return true;
      const bit = 1 << period;
      for (let t = 0; t < seen.length; t++) {
        if ((terms & (1 << t)) === 0) continue;
        if (seen[t]! & bit) return true;
        seen[t]! |= bit;
      }
    }
  }
  return false;
}

/** Most terms the masks cover; a school with more is left to clashesAmong. */
const MASKED_TERMS = 8;

/** Each meeting section's terms as bits of the school's terms, by section number (-1: a term not covered). */
function termBitsOf(facts: SchoolFacts): Int32Array {
  const index = new Map<string, number>();
  for (const term of facts.school.terms) if (!index.has(term) && index.size < MASKED_TERMS) index.set(term, index.size);
  const bits = new Int32Array(facts.sectionList.length);
  for (const meeting of facts.meeting.values()) {
    let mask = 0;
    for (const term of meeting.terms) {
      const t = index.get(term);
      if (t === undefined) {
        mask = -1;
        break;
      }
      mask |= 1 << t;
    }
    bits[meeting.number] = mask;
  }
  return bits;
}
