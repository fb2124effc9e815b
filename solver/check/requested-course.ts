import { requestsOfSeats, type SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 3: a student only sits in a course the student requested (primary or alternate). */
export function checkRequestedCourse(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { students, sections } = facts.seats;
  const requestsOf = requestsOfSeats(facts);
  for (let i = 0; i < students.length; i++) {
    const student = students[i]!;
    const section = sections[i]!;
    const requests = requestsOf(student);
    if (requests.some((request) => request.courseId === section.courseId)) continue;
    violations.push({
      constraint: "requested-course",
      schoolId: facts.school.schoolId,
      message: `student ${student.studentId} is in section ${section.sectionId}, but never requested its course ${section.courseId}`,
    });
  }
  return violations;
}
