/**
 * The Piscina task: one school per call. Thin on purpose: decode the problem, run the same
 * scheduleWithReport as the main thread would, check the roster with the independent validator
 * (on this thread, not the one that answers requests), encode the ScheduledSchool and move it back.
 */
import { parentPort } from "node:worker_threads";
import { move } from "piscina";
import type { SchoolProblem } from "../src/domain/problem.ts";
import type { IncrementalAnswer } from "../src/district/solve-pool.ts";
import { keepRoster, residentInputs, type SchoolSync } from "../src/district/resident-schools.ts";
import {
  decodeValue,
  encodeValue,
  TASK_STARTED,
  type IncrementalTask,
  type SchoolTask,
  type TaskStarted,
} from "../src/district/school-task.ts";
import { incrementalSchedule } from "../src/enroll/incremental-schedule.ts";
import { schoolReportOf } from "../src/report/school-report.ts";
import { scheduleWithReport, type ScheduledSchool } from "../src/run/schedule-school.ts";
import { validateSchoolRoster } from "../solver/check/validate-roster.ts";
import { runScenarioLoadTask, type ScenarioLoadTask } from "../src/scenario/scenario-load-task.ts";

/** Tells the pool that the task has begun on this thread: its time-out starts now. */
export function announceStarted(task: Pick<SchoolTask, "taskId">): void {
  const message: TaskStarted = { type: TASK_STARTED, taskId: task.taskId };
  parentPort?.postMessage(message);
}

/** Schedules the task's school; returns the ScheduledSchool (checked by the validator here) encoded. */
export async function solveEncodedSchool(task: SchoolTask): Promise<Uint8Array> {
  announceStarted(task);
  const problem = decodeValue<SchoolProblem>(task.problem);
  const scheduled = await scheduleWithReport(problem, task.options);
  const checked: ScheduledSchool = {
    ...scheduled,
    violations: validateSchoolRoster(problem, scheduled.outcome.roster),
  };
  return encodeValue(checked);
}

/** The pool's task: solveEncodedSchool, its result marked to be transferred (the pool's caller receives the Uint8Array). */
export default async function solveSchoolTask(task: SchoolTask): Promise<ReturnType<typeof move>> {
  return move(await solveEncodedSchool(task));
}

/**
 * The pool's incremental task: an incremental run's solve (the live seats kept), checked and
 * reported off the thread that answers requests; the school kept here for the next one
 * (src/district/resident-schools.ts).
 */
export async function incrementalSchoolTask(task: IncrementalTask): Promise<ReturnType<typeof move>> {
  announceStarted(task);
  const sync = decodeValue<SchoolSync>(task.input);
  const inputs = residentInputs(sync);
  if (!inputs) return move(encodeValue({ missing: true } satisfies IncrementalAnswer));
  const { problem, live } = inputs;
  const { roster, ...outcome } = await incrementalSchedule(problem, live, task.options);
  const answer: IncrementalAnswer = {
    ...outcome,
    report: schoolReportOf(problem, { ...outcome, roster }),
    // The school's own validator entry: the same verdict without joining the school into a district and splitting it again.
    violations: validateSchoolRoster(problem, roster),
    rosterChange: keepRoster(sync, roster, outcome.touched),
  };
  return move(encodeValue(answer));
}

/** The pool's second task (run with `name: "scenarioLoad"`): a load of a scenario's what-if (src/scenario/scenario-load-task.ts). */
export async function scenarioLoad(task: ScenarioLoadTask): Promise<ReturnType<typeof move>> {
  return move(await runScenarioLoadTask(task));
}
