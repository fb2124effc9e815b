import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 9: an alternate is used only when the request it replaces is not met.
 * A course the student also requested outright is not an alternate use.
 */
export function checkAlternateOnlyIfPrimaryUnmet(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, sections] of facts.sectionsByStudent) {
    const requests = facts.requestsByStudent.get(studentId) ?? [];
    const seatedCourses = new Map(sections.map((section) => [section.courseId, section.sectionId]));
    for (const [courseId, sectionId] of seatedCourses) {
      const forCourse = requests.filter((request) => request.courseId === courseId);
      if (forCourse.length === 0 || forCourse.some((request) => request.alternateFor === undefined)) continue;
      // Used as an alternate: fine if any of the requests it may replace went unmet.
      const replaced = forCourse.map((request) => request.alternateFor!);
      if (replaced.some((primary) => !seatedCourses.has(primary))) continue;
      violations.push({
        constraint: "alternate-only-if-primary-unmet",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in section ${sectionId} of alternate course ${courseId}, yet also in section ${seatedCourses.get(replaced[0])} of ${replaced[0]}, the course it replaces`,
      });
    }
  }
  return violations;
}
