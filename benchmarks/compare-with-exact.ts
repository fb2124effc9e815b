import type { SchoolProblem } from "../src/domain/problem.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { exactLoad } from "../solver/exact/exact-load.ts";
import { compareLevels, levelVector, primaryMetByLevel } from "../solver/exact/level-vector.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import type { Instance } from "../solver/instance/instance.ts";
import { loadInstance } from "../solver/load/load-instance.ts";
import type { Quality } from "../solver/solve-options.ts";
import { solveSchool } from "../solver/solve-school.ts";

/** One load of a school, level by level. */
export interface LoadFigures {
  /** Primary requests met at each priority level, most important first (same order as `priorities`). */
  primaryByLevel: number[];
  primaryMet: number;
  /** The lexicographic vector the exact model optimizes (groups met per level, then minus alternates). */
  levels: number[];
  ms: number;
}

/** A solver run: its load, whether it equals the optimum level by level, and its verdicts. */
export interface SolverFigures extends LoadFigures {
  /** compareLevels(solver, optimum): 0 equal, negative below (only meaningful when the optimum is proven). */
  versusOptimum: number;
  violations: number;
  /** CPU time of the solve (user + system, ms): unlike `ms`, hardly inflated by a loaded machine. */
  cpuMs: number;
  exactStatus?: string;
  stoppedBy?: string;
}

/** One small school solved by the exact MIP (the reference) and by the solver at both qualities. */
export interface ExactComparison {
  schoolId: string;
  kind: string;
  students: number;
  priorities: number[];
  /** The reference MIP: its status ("optimal" = every level proven) and load. */
  exact: LoadFigures & { status: string; provenStages: number; stages: number };
  /** The best bound the full solve computed on primary requests met. */
  bound: number;
  quick: SolverFigures;
  full: SolverFigures;
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

function figuresOf(instance: Instance, reqSection: Int32Array, ms: number): LoadFigures {
  const primaryByLevel = primaryMetByLevel(instance, reqSection);
  return {
    primaryByLevel,
    primaryMet: primaryByLevel.reduce((a, b) => a + b, 0),
    levels: levelVector(instance, reqSection),
    ms,
  };
}

/**
 * One solve of `school` at `quality`, measured (wall and CPU time) and checked by the validator:
 * its figures level by level (versusOptimum left 0 for the caller to set), its bound and load.
 */
export async function solveAndMeasure(
  school: SchoolProblem,
  instance: Instance,
  seed: number,
  quality: Quality,
): Promise<{ figures: SolverFigures; bound: number; load: Int32Array }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = await solveSchool(school, { seed, quality });
  const cpu = process.cpuUsage(cpu0);
  const load = rosterToRequestSections(instance, outcome.roster);
  const figures = figuresOf(instance, load, performance.now() - t0);
  return {
    load,
    bound: outcome.bounds.best,
    figures: {
      ...figures,
      versusOptimum: 0,
      violations: validateRoster(joinSchools([school]), [outcome.roster]).length,
      cpuMs: (cpu.user + cpu.system) / 1000,
      exactStatus: outcome.exact?.status,
      stoppedBy: outcome.stoppedBy,
    },
  };
}

/**
 * Solves each school by the solver at quick and full quality, and by the exact MIP (the
 * reference: at most `exactSeconds`, no node limit, started from the quick load and polished
 * between its stages by the heuristic; a start only helps it find loads, what it proves is
 * its own), and checks both rosters with the validator.
 */
export async function compareWithExact(
  schools: Iterable<SchoolProblem>,
  seed: number,
  exactSeconds = 60,
): Promise<ExactComparison[]> {
  const results: ExactComparison[] = [];
  for (const school of schools) {
    const instance = compileInstance(school);
    const run = (quality: Quality) => solveAndMeasure(school, instance, seed, quality);
    const quick = await run("quick");
    const full = await run("full");
    const started = performance.now();
    const exact = await exactLoad(instance, {
      engine: "highs",
      timeLimitSeconds: exactSeconds,
      start: quick.load,
      polish: (load) => loadInstance(instance, { seed, quality: "full" }, Infinity, load).reqSection,
    });
    const exactFigures = figuresOf(instance, exact.reqSection, performance.now() - started);
    quick.figures.versusOptimum = compareLevels(quick.figures.levels, exact.levels);
    full.figures.versusOptimum = compareLevels(full.figures.levels, exact.levels);
    results.push({
      schoolId: school.school.schoolId,
      kind: school.school.kind,
      students: school.students.length,
      priorities: [...instance.levelPriority],
      exact: { ...exactFigures, status: exact.status, provenStages: exact.provenStages, stages: instance.nLevels + 1 },
      bound: full.bound,
      quick: quick.figures,
      full: full.figures,
    });
  }
  return results;
}
