import { sectionOfCourse, seatCount, type SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 9: an alternate is used only when the request it replaces is not met.
 * A course the student also requested outright is not an alternate use; a course that is
 * the alternate of several requests is fine if any of them went unmet.
 */
export function checkAlternateOnlyIfPrimaryUnmet(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { from, rows } = facts.requestsOf;
  const { requestCourse, requestAlternateFor } = facts;
  const students = facts.studentList.length;
  for (const owner of facts.requesters) {
    // A requester the school does not have has no seats.
    if (owner >= students || seatCount(facts, owner) === 0) continue;
    const start = from[owner]!;
    const end = from[owner + 1]!;
    // Each seated course requested as an alternate, at its first such request; a student's few
    // requests are searched, not indexed (a set and a map per student was a district's 200,000 of each).
    for (let r = start; r < end; r++) {
      const course = requestCourse[r]!;
      if (requestAlternateFor[r] === -1 || requestOf(facts, start, r, course, "alternate") !== -1) continue;
      const section = sectionOfCourse(facts, owner, course);
      if (!section || requestOf(facts, start, end, course, "outright") !== -1) continue;
      let everyPrimaryMet = true;
      for (let k = r; k < end && everyPrimaryMet; k++) {
        if (requestCourse[k] !== course || requestAlternateFor[k] === -1) continue;
        everyPrimaryMet = sectionOfCourse(facts, owner, requestAlternateFor[k]!) !== undefined;
      }
      if (!everyPrimaryMet) continue;
      const request = rows[r]!;
      violations.push({
        constraint: "alternate-only-if-primary-unmet",
        schoolId: facts.school.schoolId,
        message: `student ${request.studentId} is in section ${section.sectionId} of alternate course ${request.courseId}, yet also in section ${sectionOfCourse(facts, owner, requestAlternateFor[r]!)!.sectionId} of ${request.alternateFor}, the course it replaces`,
      });
    }
  }
  return violations;
}

/** The first of requests start .. end - 1 (of requestsOf) of the course outright or as an alternate; -1 if none. */
function requestOf(
  facts: SchoolFacts,
  start: number,
  end: number,
  course: number,
  kind: "outright" | "alternate",
): number {
  const outright = kind === "outright";
  for (let k = start; k < end; k++) {
    if (facts.requestCourse[k] === course && (facts.requestAlternateFor[k] === -1) === outright) return k;
  }
  return -1;
}
