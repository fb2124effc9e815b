import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 7: a request with locked_section_id is met by exactly that section, so the
 * student sits in no other section of the course. (It may go unmet: unscheduled-list checks
 * that it is then listed.)
 */
export function checkLockedRequest(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const seated = facts.sectionsOf;
  const { from, rows } = facts.requestsOf;
  const students = facts.studentList.length;
  for (const owner of facts.requesters) {
    // A requester the school does not have has no seats.
    if (owner >= students) continue;
    for (let r = from[owner]!; r < from[owner + 1]!; r++) {
      const request = rows[r]!;
      if (request.lockedSectionId === undefined) continue;
      for (let k = seated.from[owner]!; k < seated.from[owner + 1]!; k++) {
        const section = facts.sectionList[seated.rows[k]!]!;
        if (section.courseId !== request.courseId || section.sectionId === request.lockedSectionId) continue;
        violations.push({
          constraint: "locked-request",
          schoolId: facts.school.schoolId,
          message: `student ${request.studentId} is locked into section ${request.lockedSectionId} for course ${request.courseId} but sits in section ${section.sectionId}`,
        });
      }
    }
  }
  return violations;
}
