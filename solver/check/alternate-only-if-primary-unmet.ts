import type { CourseRequest } from "../../src/domain/problem.ts";
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
  const students = facts.studentList.length;
  for (const owner of facts.requesters) {
    // A requester the school does not have has no seats.
    if (owner >= students || seatCount(facts, owner) === 0) continue;
    const start = from[owner]!;
    const end = from[owner + 1]!;
    // Each seated course requested as an alternate, at its first such request; a student's few
    // requests are searched, not indexed (a set and a map per student was a district's 200,000 of each).
    for (let r = start; r < end; r++) {
      const request = rows[r]!;
      const courseId = request.courseId;
      if (request.alternateFor === undefined || requestOf(rows, start, r, courseId, "alternate") !== undefined)
        continue;
      const section = sectionOfCourse(facts, owner, courseId);
      if (!section || requestOf(rows, start, end, courseId, "outright") !== undefined) continue;
      let everyPrimaryMet = true;
      for (let k = r; k < end && everyPrimaryMet; k++) {
        const other = rows[k]!;
        if (other.courseId !== courseId || other.alternateFor === undefined) continue;
        everyPrimaryMet = sectionOfCourse(facts, owner, other.alternateFor) !== undefined;
      }
      if (!everyPrimaryMet) continue;
      violations.push({
        constraint: "alternate-only-if-primary-unmet",
        schoolId: facts.school.schoolId,
        message: `student ${request.studentId} is in section ${section.sectionId} of alternate course ${courseId}, yet also in section ${sectionOfCourse(facts, owner, request.alternateFor)!.sectionId} of ${request.alternateFor}, the course it replaces`,
      });
    }
  }
  return violations;
}

/** The first of rows start .. end - 1 that requests `courseId` outright or as an alternate, if any. */
function requestOf(
  rows: CourseRequest[],
  start: number,
  end: number,
  courseId: string,
  kind: "outright" | "alternate",
): CourseRequest | undefined {
  for (let k = start; k < end; k++) {
    const request = rows[k]!;
    if (request.courseId === courseId && (request.alternateFor === undefined) === (kind === "outright")) return request;
  }
  return undefined;
}
