import type { SchoolProblem } from "../../src/domain/problem.ts";
import { validateRoster } from "../check/validate-roster.ts";
import type { Quality } from "../solve-options.ts";
import { solveSchool } from "../solve-school.ts";
import { buildMasterSchedule, greedyPlacement, randomPlacement } from "./build-master-schedule.ts";
import type { BuildOptions, BuildResult, BuildStats } from "./build-result.ts";

/** One builder on one school: the build, then a load on it, then the validator. */
export interface BuilderComparisonRow {
  schoolId: string;
  method: BuildStats["method"];
  buildMs: number;
  sectionsUnplaced: number;
  primaryRequests: number;
  /** Per-student time bound of the built schedule (primary requests that fit in distinct slots). */
  timeBound: number;
  /** Requests no schedule can fit (lower bound): the time bound can reach primaryRequests minus this at best. */
  unavoidableConflicts: number;
  loadMs: number;
  /** Primary requests met by the loaded roster (by their course or an alternate). */
  primaryMet: number;
  /** The loader's capacity bound (seats and teacher loads, timetable ignored). */
  capacityBound: number;
  /** (capacity bound - met) / capacity bound. */
  gapToCapacity: number;
  /** Hard-constraint violations the independent validator found in the loaded roster. */
  violations: number;
}

const BUILDERS: [BuildStats["method"], (problem: SchoolProblem, options: BuildOptions) => BuildResult][] = [
  ["random", randomPlacement],
  ["greedy", greedyPlacement],
  ["full", buildMasterSchedule],
];

/**
 * Random placement, greedy placement and the full builder side by side on one school: each
 * builds, the loader (at `loadQuality`) loads onto the result, the validator checks it.
 */
export async function compareBuilders(
  problem: SchoolProblem,
  options: { seed: number; quality: Quality; timeLimitMs?: number; loadQuality: Quality; loadTimeLimitMs?: number },
): Promise<BuilderComparisonRow[]> {
  const asProblem = {
    schools: [problem.school],
    courses: problem.courses,
    teachers: problem.teachers,
    rooms: problem.rooms,
    sections: problem.sections,
    students: problem.students,
    requests: problem.requests,
    avoid: problem.avoid,
  };
  const rows: BuilderComparisonRow[] = [];
  for (const [method, build] of BUILDERS) {
    const built = build(problem, { seed: options.seed, quality: options.quality, timeLimitMs: options.timeLimitMs });
    const started = performance.now();
    const { roster, bounds } = await solveSchool(
      problem,
      { seed: options.seed, quality: options.loadQuality, timeLimitMs: options.loadTimeLimitMs },
      { placements: built.placements },
    );
    const loadMs = performance.now() - started;
    const unmet = new Set(roster.unscheduled.map((u) => `${u.studentId}\u0000${u.courseId}`));
    const primaries = new Set(
      problem.requests.filter((r) => r.alternateFor === undefined).map((r) => `${r.studentId}\u0000${r.courseId}`),
    );
    const primaryMet = [...primaries].filter((key) => !unmet.has(key)).length;
    rows.push({
      schoolId: problem.school.schoolId,
      method,
      buildMs: built.stats.timings.total,
      sectionsUnplaced: built.stats.sectionsUnplaced,
      primaryRequests: built.stats.primaryRequests,
      timeBound: built.stats.timeBound,
      unavoidableConflicts: built.stats.unavoidableConflicts,
      loadMs,
      primaryMet,
      capacityBound: bounds.capacity,
      gapToCapacity: bounds.capacity > 0 ? (bounds.capacity - primaryMet) / bounds.capacity : 0,
      violations: validateRoster(asProblem, [roster]).length,
    });
  }
  return rows;
}
