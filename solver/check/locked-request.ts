import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 7: a request with locked_section_id is met by exactly that section, so the
 * student sits in no other section of the course. (It may go unmet: unscheduled-list checks
 * that it is then listed.)
 */
export function checkLockedRequest(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, requests] of facts.requestsByStudent) {
    const sections = facts.sectionsByStudent.get(studentId);
    if (!sections) continue;
    for (const request of requests) {
      if (request.lockedSectionId === undefined) continue;
      for (const section of sections) {
        if (section.courseId !== request.courseId || section.sectionId === request.lockedSectionId) continue;
        violations.push({
          constraint: "locked-request",
          schoolId: facts.school.schoolId,
          message: `student ${studentId} is locked into section ${request.lockedSectionId} for course ${request.courseId} but sits in section ${section.sectionId}`,
        });
      }
    }
  }
  return violations;
}
