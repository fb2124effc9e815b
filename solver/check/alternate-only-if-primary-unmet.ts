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
    let alternates = false;
    for (let r = from[owner]!; r < from[owner + 1]! && !alternates; r++)
      alternates = rows[r]!.alternateFor !== undefined;
    if (!alternates) continue;
    // For each seated course requested only as an alternate: the courses it may replace.
    const outright = new Set<string>();
    const replaces = new Map<string, string[]>();
    for (let r = from[owner]!; r < from[owner + 1]!; r++) {
      const request = rows[r]!;
      if (!sectionOfCourse(facts, owner, request.courseId)) continue;
      if (request.alternateFor === undefined) outright.add(request.courseId);
      else replaces.set(request.courseId, [...(replaces.get(request.courseId) ?? []), request.alternateFor]);
    }
    const studentId = facts.studentList[owner]!.studentId;
    for (const [courseId, primaries] of replaces) {
      if (outright.has(courseId) || primaries.some((primary) => !sectionOfCourse(facts, owner, primary))) continue;
      violations.push({
        constraint: "alternate-only-if-primary-unmet",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in section ${sectionOfCourse(facts, owner, courseId)!.sectionId} of alternate course ${courseId}, yet also in section ${sectionOfCourse(facts, owner, primaries[0]!)!.sectionId} of ${primaries[0]}, the course it replaces`,
      });
    }
  }
  return violations;
}
