/**
 * The Piscina task: one school per call. Thin on purpose: decode the problem, run the same
 * scheduleWithReport as the main thread would, encode the ScheduledSchool and move it back.
 */
import { parentPort } from "node:worker_threads";
import { move } from "piscina";
import type { SchoolProblem } from "../src/domain/problem.ts";
import { decodeValue, encodeValue, TASK_STARTED, type SchoolTask, type TaskStarted } from "../src/district/school-task.ts";
import { scheduleWithReport } from "../src/run/schedule-school.ts";
import { runScenarioLoadTask, type ScenarioLoadTask } from "../src/scenario/scenario-load-task.ts";

/** Tells the pool that the task has begun on this thread: its time-out starts now. */
export function announceStarted(task: SchoolTask): void {
  const message: TaskStarted = { type: TASK_STARTED, taskId: task.taskId };
  parentPort?.postMessage(message);
}

/** Schedules the task's school; returns the ScheduledSchool encoded. */
export async function solveEncodedSchool(task: SchoolTask): Promise<Uint8Array> {
  announceStarted(task);
  return encodeValue(await scheduleWithReport(decodeValue<SchoolProblem>(task.problem), task.options));
}

/** The pool's task: solveEncodedSchool, its result marked to be transferred (the pool's caller receives the Uint8Array). */
export default async function solveSchoolTask(task: SchoolTask): Promise<ReturnType<typeof move>> {
  return move(await solveEncodedSchool(task));
}

/** The pool's second task (run with `name: "scenarioLoad"`): a load of a scenario's what-if (src/scenario/scenario-load-task.ts). */
export async function scenarioLoad(task: ScenarioLoadTask): Promise<ReturnType<typeof move>> {
  return move(await runScenarioLoadTask(task));
}
