/** The tiny fixture school under any ID, and what the late-enrollment specs need around it. */
import { generatePreset } from "../../../fixtures/generate.ts";
import { renamedSchool } from "../../../fixtures/renamed-school.ts";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import type { Enrollment, SchoolRoster } from "../../../src/domain/roster.ts";
import type { RunSchoolOptions } from "../../../src/run/run-school.ts";
import { withReport } from "../../../src/run/schedule-school.ts";
import { solveSchool } from "../../../solver/solve-school.ts";

/**
 * generatePreset("tiny", 1) (60 students), every row moved to school `schoolId`, its student
 * and teacher IDs prefixed with it (IDs are unique across the district).
 */
export function tinySchool(schoolId: string): SchoolProblem {
  return renamedSchool(generatePreset("tiny", 1), schoolId, `${schoolId}:`);
}

/** runSchool options that run the real solver, quickly. */
export function solverRun(seed: number): RunSchoolOptions {
  return {
    schedule: { seed, quality: "quick", loader: "solver" },
    solve: async (problem, o) =>
      withReport(problem, await solveSchool(problem, { seed: o.seed, quality: o.quality, maxMoves: 2000 })),
  };
}

/**
 * A late re-run of `problem` on top of `live`: every seat of a student still at the school is
 * kept (but those of `released` students), the live placements too, and the solver seats the
 * rest (what an incremental run does).
 */
export async function lateRoster(
  problem: SchoolProblem,
  live: SchoolRoster,
  seed: number,
  released: string[] = [],
): Promise<SchoolRoster> {
  const kept = new Set(problem.students.map((s) => s.studentId).filter((id) => !released.includes(id)));
  return (
    await solveSchool(
      problem,
      { seed, quality: "quick", maxMoves: 2000 },
      { placements: live.sections, fixed: live.enrollments.filter((e) => kept.has(e.studentId)) },
    )
  ).roster;
}

/** Students whose seats differ between two rosters (added, dropped or moved), sorted. */
export function changedStudents(before: SchoolRoster, after: SchoolRoster): string[] {
  const seats = (enrollments: Enrollment[]) => {
    const by = new Map<string, string[]>();
    for (const e of enrollments) by.set(e.studentId, [...(by.get(e.studentId) ?? []), e.sectionId]);
    return new Map([...by].map(([id, sections]) => [id, sections.sort().join("\u0000")]));
  };
  const [a, b] = [seats(before.enrollments), seats(after.enrollments)];
  return [...new Set([...a.keys(), ...b.keys()])].filter((id) => a.get(id) !== b.get(id)).sort();
}
