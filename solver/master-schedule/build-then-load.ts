import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { Enrollment } from "../../src/domain/roster.ts";
import type { SolveOptions, SolveOutcome } from "../solve-options.ts";
import { solveSchool } from "../solve-school.ts";
import { buildMasterSchedule } from "./build-master-schedule.ts";
import type { BuildResult } from "./build-result.ts";

/** A load, and the build it ran on when the school had sections to place. */
export interface BuildAndLoadOutcome extends SolveOutcome {
  build?: BuildResult;
}

/**
 * What `mse schedule` does for one school: build the master schedule when some section lacks a
 * period, teacher (co-teacher) or room, then load the students onto it. A school with every
 * section placed goes straight to loading. Run checkBuildable first to reject what cannot be built.
 */
export async function buildThenLoad(
  problem: SchoolProblem,
  options: SolveOptions,
  fixed?: Enrollment[],
): Promise<BuildAndLoadOutcome> {
  const needsBuild = problem.sections.some(
    (s) =>
      s.period === undefined ||
      (s.setting === "co_taught" && s.coTeacherId === undefined) ||
      (s.teacherId === undefined && problem.teachers.length > 0) ||
      (s.roomId === undefined && problem.rooms.length > 0),
  );
  if (!needsBuild) return solveSchool(problem, options, { fixed });
  const build = buildMasterSchedule(problem, { seed: options.seed, quality: options.quality });
  const outcome = await solveSchool(problem, options, { placements: build.placements, fixed });
  return { ...outcome, build, timings: { build: build.stats.timings.total, ...outcome.timings } };
}
