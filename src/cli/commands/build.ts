import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { groupBySchool } from "../../domain/group-by-school.ts";
import type { Problem } from "../../domain/problem.ts";
import type { SectionPlacement } from "../../domain/roster.ts";
import { readProblem } from "../../io/interchange/read-problem.ts";
import { writeProblem } from "../../io/interchange/write-problem.ts";
import { writeConflictMatrix } from "../../io/conflict-matrix/write-conflict-matrix.ts";
import { writeDirectoryAtomically } from "../../io/atomic-directory.ts";
import { checkOutputFolder } from "../../io/output-folder.ts";
import { buildMasterSchedule } from "../../../solver/master-schedule/build-master-schedule.ts";
import type { BuildResult } from "../../../solver/master-schedule/build-result.ts";
import { checkBuildable } from "../../../solver/master-schedule/check-buildable.ts";
import { conflictMatrix } from "../../../solver/master-schedule/conflict-matrix.ts";
import type { Quality } from "../../../solver/solve-options.ts";
import { EXIT } from "../exit-codes.ts";
import { oneOf, parseNonNegativeInt, parseSecondsToMs } from "../option-parsers.ts";

/**
 * `mse build`: builds the master schedule only. Writes the problem back with every section's
 * period, teacher, co-teacher and room filled in (ready for `mse schedule`), the conflict matrix
 * of every school (conflict-matrix.csv) and build-report.json. A school that cannot be built
 * is rejected up front, with every reason, and nothing is written.
 */
export function registerBuild(program: Command): void {
  program
    .command("build")
    .description(
      "build the master schedule: choose a period (and teacher, room) for every section without one; write the problem with it, conflict-matrix.csv and build-report.json",
    )
    .requiredOption("--input <dir>", "the problem, as interchange CSV")
    .requiredOption("--out <dir>", "directory to write (replaced atomically; an earlier build or an empty folder)")
    .option("--force", "replace a file or a folder that is not an earlier build (never the input)")
    .option("--seed <n>", "random seed: same problem + same seed = same master schedule", parseNonNegativeInt, 1)
    .option(
      "--quality <q>",
      "quick (seconds) or full (up to a minute per school)",
      oneOf(["quick", "full"] as const),
      "quick",
    )
    .option("--time-limit <seconds>", "cap on the search per school", parseSecondsToMs)
    .action(
      async (opts: {
        input: string;
        out: string;
        seed: number;
        quality: Quality;
        timeLimit?: number;
        force?: boolean;
      }) => {
        const outFolder = { kind: "master schedule", inputs: [opts.input], force: opts.force } as const;
        await checkOutputFolder(opts.out, outFolder);
        const { problem, warnings } = await readProblem(opts.input);
        for (const w of warnings) console.warn(`warning: ${w}`);
        const schools = groupBySchool(problem);
        const rejections = schools.flatMap((school) =>
          checkBuildable(school).map((m) => `${school.school.schoolId}: ${m}`),
        );
        if (rejections.length > 0) {
          for (const message of rejections) console.error(message);
          console.error(
            `rejected: ${rejections.length} reason(s) the master schedule cannot be built; nothing was written`,
          );
          process.exitCode = EXIT.badInput;
          return;
        }
        const results: { schoolId: string; result: BuildResult }[] = [];
        for (const school of schools) {
          const result = buildMasterSchedule(school, {
            seed: opts.seed,
            quality: opts.quality,
            timeLimitMs: opts.timeLimit,
          });
          results.push({ schoolId: school.school.schoolId, result });
          const s = result.stats;
          console.log(
            `${school.school.schoolId}: ${s.sectionsPlacedByBuilder} section(s) placed, ${s.sectionsUnplaced} unplaced; ` +
              `time bound ${s.timeBound}/${s.primaryRequests} requests; ${(s.timings.total / 1000).toFixed(1)} s`,
          );
          for (const u of result.unplaced) console.log(`  unplaced ${u.sectionId}: ${u.reason}`);
        }
        const built = withPlacements(problem, results);
        await writeDirectoryAtomically(
          opts.out,
          async (dir) => {
            await writeProblem(dir, built);
            await writeConflictMatrix(path.join(dir, "conflict-matrix.csv"), schools.map(conflictMatrix));
            const report = {
              engine: "master-schedule-engine",
              parameters: { seed: opts.seed, quality: opts.quality, timeLimitMs: opts.timeLimit },
              schools: results.map(({ schoolId, result }) => ({
                schoolId,
                unplaced: result.unplaced,
                ...result.stats,
              })),
            };
            await writeFile(path.join(dir, "build-report.json"), `${JSON.stringify(report, null, 2)}\n`);
          },
          outFolder,
        );
        console.log(`master schedule written to ${opts.out}`);
      },
    );
}

/** The problem with each section's period, teacher, co-teacher and room as built. */
function withPlacements(problem: Problem, results: { schoolId: string; result: BuildResult }[]): Problem {
  const placementOf = new Map<string, SectionPlacement>();
  for (const { schoolId, result } of results) {
    for (const p of result.placements) placementOf.set(`${schoolId}\u0000${p.sectionId}`, p);
  }
  const sections = problem.sections.map((section) => {
    const p = placementOf.get(`${section.schoolId}\u0000${section.sectionId}`);
    return p
      ? { ...section, period: p.period, teacherId: p.teacherId, coTeacherId: p.coTeacherId, roomId: p.roomId }
      : section;
  });
  return { ...problem, sections };
}
