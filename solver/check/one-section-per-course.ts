import type { Section } from "../../src/domain/problem.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 9: a student gets at most one section per course. */
export function checkOneSectionPerCourse(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const { from, rows } = facts.sectionsOf;
  for (const student of facts.seatedStudents) {
    if (!sharesACourse(facts, from[student]!, from[student + 1]!)) continue;
    // Courses in the order of their first section, as the student's sections list them.
    const byCourse = new Map<string, Section[]>();
    for (let k = from[student]!; k < from[student + 1]!; k++) {
      const section = facts.sectionList[rows[k]!]!;
      const list = byCourse.get(section.courseId);
      if (list) list.push(section);
      else byCourse.set(section.courseId, [section]);
    }
    for (const [courseId, ofCourse] of byCourse) {
      if (ofCourse.length < 2) continue;
      violations.push({
        constraint: "one-section-per-course",
        schoolId: facts.school.schoolId,
        message: `student ${facts.studentList[student]!.studentId} is in ${ofCourse.length} sections of course ${courseId}: ${ofCourse.map((section) => section.sectionId).join(", ")}`,
      });
    }
  }
  return violations;
}

/** Whether two of a student's few sections (rows start .. end - 1 of sectionsOf) are of one course. */
function sharesACourse(facts: SchoolFacts, start: number, end: number): boolean {
  const { rows } = facts.sectionsOf;
  for (let i = start + 1; i < end; i++) {
    const course = facts.sectionList[rows[i]!]!.courseId;
    for (let j = start; j < i; j++) if (facts.sectionList[rows[j]!]!.courseId === course) return true;
  }
  return false;
}
