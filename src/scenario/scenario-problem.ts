/**
 * A scenario's master schedule as a problem: the school's problem as the store has it now
 * (students, requests, teachers, rooms, courses), its sections replaced by the scenario's open
 * ones, each with the period, teacher, co-teacher and room the scenario gives it. Loading that
 * problem is the what-if; importing it is the promotion.
 */
import { createHash } from "node:crypto";
import type { Section, SchoolProblem } from "../domain/problem.ts";
import type { SectionPlacement } from "../domain/roster.ts";
import type { ScenarioSection } from "../domain/scenario.ts";

/** The problem with the scenario's sections in place of the school's (closed ones left out). */
export function scenarioProblem(problem: SchoolProblem, sections: readonly ScenarioSection[]): SchoolProblem {
  return { ...problem, sections: sections.filter((s) => !s.closed).map(asSection) };
}

/** A scenario section as a plain problem section (no `closed` flag). */
export function asSection(section: ScenarioSection): Section {
  const { closed: _, ...plain } = section;
  return plain;
}

/** The school's sections placed as the live roster placed them: where a scenario starts. */
export function startingSections(problem: SchoolProblem, placements: readonly SectionPlacement[]): ScenarioSection[] {
  const placed = new Map(placements.map((p) => [p.sectionId, p]));
  return problem.sections.map((section) => {
    const p = placed.get(section.sectionId);
    if (!p) return { ...section };
    return withPlacement(section, p);
  });
}

/** The section with a placement's period, teacher, co-teacher and room. */
function withPlacement(section: Section, p: SectionPlacement): Section {
  const placed: Section = {
    ...section,
    period: p.period,
    teacherId: p.teacherId,
    coTeacherId: p.coTeacherId,
    roomId: p.roomId,
  };
  for (const key of ["period", "teacherId", "coTeacherId", "roomId"] as const)
    if (placed[key] === undefined) delete placed[key];
  return placed;
}

/**
 * What identifies the school's master schedule: its periods and terms, courses, teachers,
 * rooms, sections and the live placements. Late enrollments leave it alone (students and
 * requests are not part of it); a re-import that changes a section or a new full run that
 * places one elsewhere changes it.
 */
export function masterScheduleFingerprint(problem: SchoolProblem, placements: readonly SectionPlacement[]): string {
  const hash = createHash("sha256");
  const { school } = problem;
  hash.update(JSON.stringify([school.schoolId, school.periods, school.terms]));
  for (const rows of [problem.courses, problem.teachers, problem.rooms, problem.sections])
    hash.update(JSON.stringify(rows));
  hash.update(
    JSON.stringify(
      [...placements].sort((a, b) => (a.sectionId < b.sectionId ? -1 : a.sectionId > b.sectionId ? 1 : 0)),
    ),
  );
  return hash.digest("hex");
}
