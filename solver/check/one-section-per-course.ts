import type { Section } from "../../src/domain/problem.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 9: a student gets at most one section per course. */
export function checkOneSectionPerCourse(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const [studentId, sections] of facts.sectionsByStudent) {
    if (!sharesACourse(sections)) continue;
    // Courses in the order of their first section, as the student's sections list them.
    const byCourse = new Map<string, Section[]>();
    for (const section of sections) {
      const list = byCourse.get(section.courseId);
      if (list) list.push(section);
      else byCourse.set(section.courseId, [section]);
    }
    for (const [courseId, ofCourse] of byCourse) {
      if (ofCourse.length < 2) continue;
      violations.push({
        constraint: "one-section-per-course",
        schoolId: facts.school.schoolId,
        message: `student ${studentId} is in ${ofCourse.length} sections of course ${courseId}: ${ofCourse.map((section) => section.sectionId).join(", ")}`,
      });
    }
  }
  return violations;
}

/** Whether two of a student's few sections are of one course. */
function sharesACourse(sections: readonly Section[]): boolean {
  for (let i = 1; i < sections.length; i++) {
    for (let j = 0; j < i; j++) if (sections[i]!.courseId === sections[j]!.courseId) return true;
  }
  return false;
}
