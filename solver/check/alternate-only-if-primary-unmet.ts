import { sectionOfCourse, type SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 9: an alternate is used only when the request it replaces is not met.
 * A course the student also requested outright is not an alternate use; a course that is
 * the alternate of several requests is fine if any of them went unmet.
 */
export function checkAlternateOnlyIfPrimaryUnmet(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, requests] of facts.requestsByStudent) {
    const seated = facts.sectionsByStudent.get(studentId);
    if (!seated || requests.every((request) => request.alternateFor === undefined)) continue;
    // For each seated course requested only as an alternate: the courses it may replace.
    const outright = new Set<string>();
    const replaces = new Map<string, string[]>();
    for (const request of requests) {
      if (!sectionOfCourse(seated, request.courseId)) continue;
      if (request.alternateFor === undefined) outright.add(request.courseId);
      else replaces.set(request.courseId, [...(replaces.get(request.courseId) ?? []), request.alternateFor]);
    }
    for (const [courseId, primaries] of replaces) {
      if (outright.has(courseId) || primaries.some((primary) => !sectionOfCourse(seated, primary))) continue;
      violations.push({
        constraint: "alternate-only-if-primary-unmet",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in section ${sectionOfCourse(seated, courseId)!.sectionId} of alternate course ${courseId}, yet also in section ${sectionOfCourse(seated, primaries[0]!)!.sectionId} of ${primaries[0]}, the course it replaces`,
      });
    }
  }
  return violations;
}
