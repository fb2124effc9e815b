import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 11: a section with a team_id holds only students of that team, and a student
 * of a team, placed in a course for which the team has a section, is in one of the team's
 * sections of it.
 */
export function checkTeamSection(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  // team_id -> course_id -> the team's sections of it.
  const teamSections = new Map<string, Map<string, string[]>>();
  for (const section of facts.sectionList) {
    if (section.teamId === undefined) continue;
    let courses = teamSections.get(section.teamId);
    if (!courses) teamSections.set(section.teamId, (courses = new Map()));
    const list = courses.get(section.courseId);
    if (list) list.push(section.sectionId);
    else courses.set(section.courseId, [section.sectionId]);
  }
  if (teamSections.size === 0) return violations;
  const { seats, studentList, sectionList } = facts;
  for (let i = 0; i < seats.student.length; i++) {
    const student = studentList[seats.student[i]!]!;
    const section = sectionList[seats.section[i]!]!;
    if (section.teamId !== undefined && section.teamId !== student.teamId) {
      const whose = student.teamId === undefined ? "of no team" : `of team ${student.teamId}`;
      violations.push({
        constraint: "team-section",
        schoolId: facts.school.schoolId,
        message: `student ${student.studentId} (${whose}) is in section ${section.sectionId}, a section of team ${section.teamId}`,
      });
      continue;
    }
    if (student.teamId === undefined || section.teamId === student.teamId) continue;
    const own = teamSections.get(student.teamId)?.get(section.courseId);
    if (own === undefined) continue;
    violations.push({
      constraint: "team-section",
      schoolId: facts.school.schoolId,
      message: `student ${student.studentId} of team ${student.teamId} is in section ${section.sectionId} of course ${section.courseId}, not in one of the team's sections of it (${own.join(", ")})`,
    });
  }
  return violations;
}
