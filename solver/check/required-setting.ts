import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 4: a request's required_setting is met, so a student who needs sdc sits only
 * in an sdc section and one who needs co_taught only in a co_taught section (and general only
 * in a general one). A request without required_setting accepts any setting.
 */
export function checkRequiredSetting(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { seats, studentList, sectionList, sectionCourse, requestCourse, seatRequest } = facts;
  const { from, rows } = facts.requestsOf;
  for (let i = 0; i < seats.student.length; i++) {
    // No request at all is requested-course's to report.
    if (seatRequest[i] === -1) continue;
    const number = seats.student[i]!;
    const course = sectionCourse[seats.section[i]!]!;
    const section = sectionList[seats.section[i]!]!;
    let satisfied = false;
    // The student's requests of the course, from the first one on.
    for (let r = seatRequest[i]!; r < from[number + 1]! && !satisfied; r++) {
      if (requestCourse[r] !== course) continue;
      const { requiredSetting } = rows[r]!;
      satisfied = requiredSetting === undefined || requiredSetting === section.setting;
    }
    if (satisfied) continue;
    const required = new Set<string | undefined>();
    for (let r = from[number]!; r < from[number + 1]!; r++) {
      if (requestCourse[r] === course) required.add(rows[r]!.requiredSetting);
    }
    violations.push({
      constraint: "required-setting",
      schoolId: facts.school.schoolId,
      message: `student ${studentList[number]!.studentId} requires a ${[...required].join(" or ")} section of course ${section.courseId} but is in section ${section.sectionId}, which is ${section.setting}`,
    });
  }
  return violations;
}
