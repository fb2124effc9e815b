/**
 * The pool's benchmark task (POST /v1/benchmarks): a generated school made, solved and checked
 * by the independent validator all on a pool thread; only figures come back. Generating and
 * validating a 3,000-student school takes the better part of a second that the server's
 * thread owes to everyone else.
 */
import { move } from "piscina";
import { generatePreset } from "../fixtures/generate.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import { encodeValue, type BenchmarkFigures, type BenchmarkTask } from "../src/district/school-task.ts";
import { schoolReportOf } from "../src/report/school-report.ts";
import { scheduleSchool } from "../src/run/schedule-school.ts";
import { announceStarted } from "./solve-school-task.ts";

/** Generates the preset, solves it, validates the roster; the figures encoded. */
export async function benchmarkSchoolTask(task: BenchmarkTask): Promise<ReturnType<typeof move>> {
  announceStarted(task);
  const problem = generatePreset(task.preset, task.options.seed ?? 1);
  const started = performance.now();
  const outcome = await scheduleSchool(problem, task.options);
  const wallMs = performance.now() - started;
  const violations = validateRoster(joinSchools([problem]), [outcome.roster]).length;
  const figures: BenchmarkFigures = {
    wallMs,
    stoppedBy: outcome.stoppedBy,
    violations,
    report: schoolReportOf(problem, outcome),
  };
  return move(encodeValue(figures));
}
