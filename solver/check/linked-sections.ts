import type { Section } from "../../src/domain/problem.ts";
import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 12: a student placed in a section of a link, and placed in another course
 * that has a section in that link, is in a section of that course within the same link.
 */
export function checkLinkedSections(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  // link_id -> course_id -> the link's sections of it.
  const links = new Map<string, Map<string, string[]>>();
  for (const section of facts.sectionList) {
    if (section.linkId === undefined) continue;
    let courses = links.get(section.linkId);
    if (!courses) links.set(section.linkId, (courses = new Map()));
    const list = courses.get(section.courseId);
    if (list) list.push(section.sectionId);
    else courses.set(section.courseId, [section.sectionId]);
  }
  if (links.size === 0) return violations;
  const { from, rows } = facts.sectionsOf;
  for (const student of facts.seatedStudents) {
    for (let i = from[student]!; i < from[student + 1]!; i++) {
      const a = facts.sectionList[rows[i]!]!;
      if (a.linkId === undefined) continue;
      const courses = links.get(a.linkId)!;
      const studentId = facts.studentList[student]!.studentId;
      for (let j = from[student]!; j < from[student + 1]!; j++) {
        const b = facts.sectionList[rows[j]!]!;
        if (b === a || b.courseId === a.courseId || b.linkId === a.linkId) continue;
        const inLink = courses.get(b.courseId);
        if (inLink === undefined) continue;
        violations.push({
          constraint: "linked-sections",
          schoolId: facts.school.schoolId,
          message: `student ${studentId} is in section ${a.sectionId} of link ${a.linkId} and in section ${b.sectionId} of course ${b.courseId}${linkText(b)}, but link ${a.linkId} has the course's sections ${inLink.join(", ")}`,
        });
      }
    }
  }
  return violations;
}

function linkText(section: Section): string {
  return section.linkId === undefined ? ", outside the link" : ` of link ${section.linkId}`;
}
