/**
 * The Piscina task: one school per call. Thin on purpose: decode the problem, run the same
 * scheduleSchool as the main thread would, encode the outcome and move it back.
 */
import { parentPort } from "node:worker_threads";
import { move } from "piscina";
import type { SchoolProblem } from "../src/domain/problem.ts";
import type { SchoolRoster } from "../src/domain/roster.ts";
import { decodeValue, encodeValue, TASK_STARTED, type IncrementalTask, type SchoolTask, type SolvedSchool, type TaskStarted } from "../src/district/school-task.ts";
import { incrementalSchedule } from "../src/enroll/incremental-schedule.ts";
import type { CheckedIncremental } from "../src/district/solve-pool.ts";
import { joinSchools } from "../src/domain/join-schools.ts";
import { validateRoster } from "../solver/check/validate-roster.ts";
import { prepareSolver } from "../src/run/prepare-solver.ts";
import { scheduleSchool } from "../src/run/schedule-problem.ts";
import { schoolReportOf } from "../src/report/school-report.ts";

/** Tells the pool that the task has begun on this thread: its time-out starts now. */
export function announceStarted(task: Pick<SchoolTask, "taskId">): void {
  const message: TaskStarted = { type: TASK_STARTED, taskId: task.taskId };
  parentPort?.postMessage(message);
}

/** Solves the task's school; returns the SolvedSchool encoded. */
export async function solveEncodedSchool(task: SchoolTask): Promise<Uint8Array> {
  announceStarted(task);
  const problem = decodeValue<SchoolProblem>(task.problem);
  // The synchronous solver uses HiGHS (full quality, LP bound) only once it is loaded: every thread must load it alike.
  await prepareSolver(task.options);
  const outcome = scheduleSchool(problem, task.options);
  const solved: SolvedSchool = { outcome, report: schoolReportOf(problem, outcome), violations: validateRoster(joinSchools([problem]), [outcome.roster]) };
  return encodeValue(solved);
}

/** The pool's task: solveEncodedSchool, its result marked to be transferred (the pool's caller receives the Uint8Array). */
export default async function solveSchoolTask(task: SchoolTask): Promise<ReturnType<typeof move>> {
  return move(await solveEncodedSchool(task));
}

/** The pool's incremental task: an incremental run's solve (the live seats kept), off the thread that serves requests. */
export async function incrementalSchoolTask(task: IncrementalTask): Promise<ReturnType<typeof move>> {
  announceStarted(task);
  const { problem, live } = decodeValue<{ problem: SchoolProblem; live: SchoolRoster }>(task.input);
  await prepareSolver(task.options);
  const outcome = incrementalSchedule(problem, live, task.options);
  // Checked and reported here, not on the thread that answers requests (see CheckedSolve).
  const checked: CheckedIncremental = { ...outcome, checked: { violations: validateRoster(joinSchools([problem]), [outcome.roster]) }, report: schoolReportOf(problem, outcome) };
  return move(encodeValue(checked));
}
