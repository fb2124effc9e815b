import type { SchoolProblem } from "../src/domain/problem.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { weightedValue } from "../solver/bounds/load-model.ts";
import { exactLoad } from "../solver/exact/exact-load.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import type { Instance } from "../solver/instance/instance.ts";
import { solveSchool } from "../solver/solve-school.ts";

/** One small school solved by the heuristic (full quality) and by the exact MIP. */
export interface ExactComparison {
  schoolId: string;
  students: number;
  exactStatus: string;
  exactMs: number;
  solverMs: number;
  /** Lexicographic weighted objective (priority levels, then fewer alternates): higher is better. */
  exactValue: number;
  solverValue: number;
  exactPrimaryMet: number;
  solverPrimaryMet: number;
}

/** The section chosen for each request of `instance`, read back from a roster. */
export function rosterToRequestSections(instance: Instance, roster: SchoolRoster): Int32Array {
  const studentIndex = new Map(instance.studentIds.map((id, i) => [id, i]));
  const sectionIndex = new Map(instance.sectionIds.map((id, s) => [id, s]));
  const sectionOf = new Map<string, number>(); // student index \u0000 course index -> section
  for (const e of roster.enrollments) {
    const i = studentIndex.get(e.studentId);
    const s = sectionIndex.get(e.sectionId);
    if (i !== undefined && s !== undefined) sectionOf.set(`${i}\u0000${instance.secCourse[s]}`, s);
  }
  const reqSection = new Int32Array(instance.nRequests).fill(-1);
  for (let r = 0; r < instance.nRequests; r++) {
    reqSection[r] = sectionOf.get(`${instance.reqStudent[r]}\u0000${instance.reqCourse[r]}`) ?? -1;
  }
  return reqSection;
}

/** Groups with a primary request that are met by any of their requests. */
function primaryGroupsMet(instance: Instance, reqSection: Int32Array): number {
  let met = 0;
  for (let g = 0; g < instance.nGroups; g++) {
    if (!instance.groupPrimary[g]) continue;
    for (let r = instance.groupReqStart[g]; r < instance.groupReqStart[g + 1]; r++) {
      if (reqSection[r] >= 0) {
        met++;
        break;
      }
    }
  }
  return met;
}

/** Solves each school both ways and reports the two objectives side by side. */
export async function compareWithExact(schools: SchoolProblem[], seed: number): Promise<ExactComparison[]> {
  const results: ExactComparison[] = [];
  for (const school of schools) {
    const instance = compileInstance(school);
    let started = performance.now();
    const exact = await exactLoad(instance, { engine: "highs", timeLimitSeconds: 60 });
    const exactMs = performance.now() - started;
    started = performance.now();
    const outcome = solveSchool(school, { seed, quality: "full" });
    const solverMs = performance.now() - started;
    const solverSections = rosterToRequestSections(instance, outcome.roster);
    results.push({
      schoolId: school.school.schoolId,
      students: school.students.length,
      exactStatus: exact.status,
      exactMs,
      solverMs,
      exactValue: exact.value,
      solverValue: weightedValue(instance, solverSections),
      exactPrimaryMet: primaryGroupsMet(instance, exact.reqSection),
      solverPrimaryMet: primaryGroupsMet(instance, solverSections),
    });
  }
  return results;
}
