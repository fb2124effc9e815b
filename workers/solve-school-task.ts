/**
 * The Piscina task: one school per call. Thin on purpose: decode the problem, run the same
 * scheduleSchool as the main thread would, encode the outcome and move it back.
 */
import { parentPort } from "node:worker_threads";
import { move } from "piscina";
import type { SchoolProblem } from "../src/domain/problem.ts";
import { decodeValue, encodeValue, TASK_STARTED, type SchoolTask, type SolvedSchool, type TaskStarted } from "../src/district/school-task.ts";
import { prepareSolver } from "../src/run/prepare-solver.ts";
import { scheduleSchool } from "../src/run/schedule-problem.ts";
import { schoolReportOf } from "../src/report/school-report.ts";
import { runScenarioLoadTask, type ScenarioLoadTask } from "../src/scenario/scenario-load-task.ts";

/** Tells the pool that the task has begun on this thread: its time-out starts now. */
export function announceStarted(task: SchoolTask): void {
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
  const solved: SolvedSchool = { outcome, report: schoolReportOf(problem, outcome) };
  return encodeValue(solved);
}

/** The pool's task: solveEncodedSchool, its result marked to be transferred (the pool's caller receives the Uint8Array). */
export default async function solveSchoolTask(task: SchoolTask): Promise<ReturnType<typeof move>> {
  return move(await solveEncodedSchool(task));
}

/** The pool's second task (run with `name: "scenarioLoad"`): a load of a scenario's what-if (src/scenario/scenario-load-task.ts). */
export function scenarioLoad(task: ScenarioLoadTask): ReturnType<typeof move> {
  return move(runScenarioLoadTask(task));
}
