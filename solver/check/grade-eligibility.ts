import type { Course } from "../../src/domain/problem.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 3: a student only sits in a section of a course open to the student's grade. */
export function checkGradeEligibility(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { seats, studentList, sectionList } = facts;
  // Each section's course, looked up once per section rather than once per seat. A loop, not
  // map: optimized, this function's map made a holey array where the builtin's was packed, and
  // the seats' loop below deoptimized on it (--trace-deopt, district export: once per thread).
  const courseOf: (Course | undefined)[] = [];
  for (const section of sectionList) courseOf.push(facts.courses.get(section.courseId));
  for (let i = 0; i < seats.student.length; i++) {
    const student = studentList[seats.student[i]!]!;
    const section = sectionList[seats.section[i]!]!;
    const course = courseOf[seats.section[i]!];
    if (!course || (student.grade >= course.gradeLow && student.grade <= course.gradeHigh)) continue;
    violations.push({
      constraint: "grade-eligibility",
      schoolId: facts.school.schoolId,
      message: `student ${student.studentId} (grade ${student.grade}) is in section ${section.sectionId} of course ${course.courseId}, which is for grades ${course.gradeLow} to ${course.gradeHigh}`,
    });
  }
  return violations;
}
