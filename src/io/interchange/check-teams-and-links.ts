/**
 * Checks of the v1.1 columns that need whole files: a section's team must have students (read
 * after the sections), and the sections of one link must be able to meet together (a student
 * of the link takes all of its courses).
 */
import type { Problem, Section } from "../../domain/problem.ts";
import type { ProblemIndex } from "./problem-index.ts";

/** Records an issue at a line and column of sections.csv. */
type Report = (line: number, column: string, message: string) => void;

const q = (s: string): string => JSON.stringify(s);

/**
 * Reports, against sections.csv, every section whose team has no student in its school, and
 * every pair of sections of one link that no student could take both of: sections of two
 * courses that meet in a common period and term, of two different teams, or of courses with
 * no grade in common.
 */
export function checkTeamsAndLinks(problem: Problem, index: ProblemIndex, report: Report): void {
  const lineOf = (section: Section): number => index.sections.get(section.schoolId)?.get(section.sectionId)?.line ?? 0;
  if (!index.unusable.has("students")) {
    const teams = new Map<string, Set<string>>();
    for (const student of problem.students) {
      if (student.teamId === undefined) continue;
      let set = teams.get(student.schoolId);
      if (!set) teams.set(student.schoolId, (set = new Set()));
      set.add(student.teamId);
    }
    for (const section of problem.sections) {
      if (section.teamId === undefined || teams.get(section.schoolId)?.has(section.teamId)) continue;
      report(lineOf(section), "team_id", `team ${q(section.teamId)} has no students in school ${q(section.schoolId)}`);
    }
  }

  const links = new Map<string, Section[]>();
  for (const section of problem.sections) {
    if (section.linkId === undefined) continue;
    const key = JSON.stringify([section.schoolId, section.linkId]);
    const list = links.get(key);
    if (list) list.push(section);
    else links.set(key, [section]);
  }
  const grades = new Map<string, { low: number; high: number }>();
  for (const course of problem.courses)
    grades.set(JSON.stringify([course.schoolId, course.courseId]), { low: course.gradeLow, high: course.gradeHigh });
  for (const list of links.values()) {
    for (let b = 1; b < list.length; b++) {
      for (let a = 0; a < b; a++) {
        const why = whyApart(list[a], list[b], grades);
        if (why === undefined) continue;
        report(
          lineOf(list[b]),
          "link_id",
          `sections ${q(list[a].sectionId)} and ${q(list[b].sectionId)} of link ${q(list[b].linkId!)} cannot meet together: ${why}`,
        );
        break;
      }
    }
  }
}

/** Why no student could take both linked sections, or undefined when one could. */
function whyApart(a: Section, b: Section, grades: Map<string, { low: number; high: number }>): string | undefined {
  if (a.courseId === b.courseId) return undefined;
  if (a.teamId !== undefined && b.teamId !== undefined && a.teamId !== b.teamId) {
    return `they belong to teams ${q(a.teamId)} and ${q(b.teamId)}`;
  }
  const ga = grades.get(JSON.stringify([a.schoolId, a.courseId]));
  const gb = grades.get(JSON.stringify([b.schoolId, b.courseId]));
  if (ga && gb && (ga.high < gb.low || gb.high < ga.low)) {
    return `courses ${q(a.courseId)} and ${q(b.courseId)} have no grade in common`;
  }
  if (a.period === undefined || b.period === undefined) return undefined;
  const aEnd = a.period + (a.length ?? 1) - 1;
  const bEnd = b.period + (b.length ?? 1) - 1;
  if (aEnd < b.period || bEnd < a.period) return undefined;
  const term = a.terms.find((t) => b.terms.includes(t));
  if (term === undefined) return undefined;
  const period = Math.max(a.period, b.period);
  return `both meet in period ${period} of term ${q(term)}`;
}
