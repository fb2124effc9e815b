import type { SchoolFacts } from "./school-facts.ts";
import { teacherSections } from "./teacher-sections.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 5: a teacher has at most max_students students in total across all of
 * their sections, co-taught ones included. A student in two of the teacher's sections counts
 * twice: the limit is on the teacher's load of seats.
 */
export function checkTeacherMaxStudents(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [teacherId, sections] of teacherSections(facts)) {
    const limit = facts.teachers.get(teacherId)?.maxStudents;
    if (limit === undefined) continue;
    let total = 0;
    for (const meeting of sections) total += facts.headcount[meeting.number]!;
    if (total <= limit) continue;
    violations.push({
      constraint: "teacher-max-students",
      schoolId: facts.school.schoolId,
      message: `teacher ${teacherId} has ${total} students across sections ${sections.map((meeting) => meeting.section.sectionId).join(", ")} but max_students is ${limit}`,
    });
  }
  return violations;
}
