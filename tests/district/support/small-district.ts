/** Schools of the district-small preset, chosen by size: only those generated, so specs stay fast. */
import { presetPlan, schoolSeed } from "../../../fixtures/generate.ts";
import { generateSchool } from "../../../fixtures/generate-school.ts";
import { renamedSchool } from "../../../fixtures/renamed-school.ts";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import type { ScheduleOptions } from "../../../src/run/schedule-school.ts";

/**
 * Options under which a school's roster depends on nothing but the problem and the seed: quick
 * quality stopped by its move cap or a stall, never by the wall clock (a loaded machine would
 * otherwise cut some schools short and change their rosters).
 */
export const DETERMINISTIC: ScheduleOptions = { seed: 7, quality: "quick", timeLimitMs: 10 * 60_000, loader: "solver" };

/** The district-small schools (seed 1) with at most `maxStudents` students, in plan order. */
export function smallSchools(maxStudents: number, count = Infinity): SchoolProblem[] {
  return presetPlan("district-small", 1)
    .filter((planned) => planned.spec.students <= maxStudents)
    .slice(0, count)
    .map((planned) => generateSchool(planned.spec, schoolSeed(1, planned)));
}

/** A school the solver must refuse: more term × period slots than it supports (bad data). */
export function unsolvable(school: SchoolProblem, schoolId: string): SchoolProblem {
  const copy = renamedSchool(school, schoolId, `${schoolId}:`);
  const terms = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"];
  return {
    ...copy,
    school: { ...copy.school, terms, periods: 9 },
    sections: copy.sections.map((s) => ({ ...s, terms })),
  };
}

/** Order-free form of a roster, to compare two runs. */
export function canonicalRoster(roster: {
  schoolId: string;
  sections: object[];
  enrollments: { studentId: string; sectionId: string }[];
  unscheduled: { studentId: string; courseId: string }[];
}) {
  const key = (e: { studentId: string; sectionId: string }) => `${e.studentId}|${e.sectionId}`;
  return {
    schoolId: roster.schoolId,
    sections: roster.sections.map((s) => JSON.stringify(s, Object.keys(s).sort())).sort(),
    enrollments: roster.enrollments.map(key).sort(),
    unscheduled: roster.unscheduled.map((u) => JSON.stringify(u, Object.keys(u).sort())).sort(),
  };
}
