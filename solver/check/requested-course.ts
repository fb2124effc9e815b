import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 3: a student only sits in a course the student requested (primary or alternate). */
export function checkRequestedCourse(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { seats, studentList, sectionList, seatRequest } = facts;
  for (let i = 0; i < seats.student.length; i++) {
    if (seatRequest[i] !== -1) continue;
    const number = seats.student[i]!;
    const section = sectionList[seats.section[i]!]!;
    violations.push({
      constraint: "requested-course",
      schoolId: facts.school.schoolId,
      message: `student ${studentList[number]!.studentId} is in section ${section.sectionId}, but never requested its course ${section.courseId}`,
    });
  }
  return violations;
}
