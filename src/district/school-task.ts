/**
 * The message between the main thread and a pool worker for one school. The problem goes out
 * and the solved school comes back as one buffer each (columnar-encoding.ts), whose memory is moved
 * (transferred), not structured-cloned: the receiving thread takes the bytes without a copy,
 * and the sending thread drops them at once. What comes back is a ScheduledSchool (its report
 * line computed on the worker, to spare the main thread).
 *
 * The main thread encodes and decodes in turns (encodeValueInTurns): it answers requests
 * meanwhile, and a district school's problem in one go held it for tens of milliseconds.
 */
import { decodeColumnar, decodeColumnarInTurns, encodeColumnar, encodeColumnarInTurns } from "./columnar-encoding.ts";
import type { TurnClock } from "../store/index.ts";
import type { SchoolProblem } from "../domain/problem.ts";
import type { ScheduleOptions } from "../run/schedule-school.ts";
import type { IncrementalOptions } from "../enroll/incremental-schedule.ts";
import type { SchoolReport } from "../report/run-report.ts";

/** One school to solve: its problem as bytes (see encodeValue), and how to solve it. */
export interface SchoolTask {
  /** Unique per pool: names the task in its "started" message. */
  taskId: number;
  problem: Uint8Array;
  options: ScheduleOptions;
}

/**
 * What a worker posts when it begins a task. A school's time-out counts from here, not from
 * when the school was queued: a school waiting for a busy thread, or for a thread still
 * starting up, has not used any of its time.
 */
export interface TaskStarted {
  type: typeof TASK_STARTED;
  taskId: number;
}
export const TASK_STARTED = "mse:school-task-started";

/**
 * An incremental run of one school: the school as a SchoolSync (resident-schools.ts: whole, or
 * what changed since the thread last had it) as bytes (see encodeValue); the outcome (an
 * IncrementalOutcome with the pool's check and report, its roster as a RosterChange) comes back
 * encoded, or `{ missing: true }` when the thread lacks what the task names.
 */
export interface IncrementalTask {
  taskId: number;
  /** A SchoolSync, encoded. */
  input: Uint8Array;
  options: IncrementalOptions;
}

/** The pool task's export that runs an IncrementalTask (the default export solves a SchoolTask). */
export const INCREMENTAL_TASK = "incrementalSchoolTask";

/** A generated school to make, solve and validate on the pool (QA's benchmark): figures come back. */
export interface BenchmarkTask {
  taskId: number;
  preset: "tiny" | "high-school";
  options: ScheduleOptions;
}

/** What a BenchmarkTask answers (encoded): no student data. */
export interface BenchmarkFigures {
  /** The solve alone, generation excluded. */
  wallMs: number;
  stoppedBy?: string;
  /** Hard-constraint violations the independent validator found. */
  violations: number;
  report: SchoolReport;
}

/** The pool task's export that runs a BenchmarkTask. */
export const BENCHMARK_TASK = "benchmarkSchoolTask";

/** A roster to check against its school's problem on the pool: `{ problem, roster }` encoded; the violations come back encoded. */
export interface ValidateTask {
  input: Uint8Array;
}

/** The pool task's export that runs a ValidateTask. */
export const VALIDATE_TASK = "validateRosterTask";

/**
 * Serializes plain data (Maps, typed arrays and undefined survive, unlike JSON) into a buffer of
 * its own, arrays of records column by column (columnar-encoding.ts).
 */
export function encodeValue(value: unknown): Uint8Array {
  return encodeColumnar(value);
}

/** Reads back what encodeValue wrote. */
export function decodeValue<T>(bytes: Uint8Array): T {
  return decodeColumnar<T>(bytes);
}

/** encodeValue on a thread that answers requests: the same bytes, the event loop given a turn whenever `clock` is due. */
export function encodeValueInTurns(value: unknown, clock: TurnClock): Promise<Uint8Array> {
  return encodeColumnarInTurns(value, clock);
}

/** decodeValue on a thread that answers requests, in turns as encodeValueInTurns. */
export function decodeValueInTurns<T>(bytes: Uint8Array, clock: TurnClock): Promise<T> {
  return decodeColumnarInTurns<T>(bytes, clock);
}

/** A school as a task ready to post, with the buffer to transfer: encoded in turns of `clock`. */
export async function schoolTask(
  taskId: number,
  problem: SchoolProblem,
  options: ScheduleOptions,
  clock: TurnClock,
): Promise<{ task: SchoolTask; transferList: ArrayBuffer[] }> {
  const bytes = await encodeValueInTurns(problem, clock);
  return { task: { taskId, problem: bytes, options }, transferList: [bytes.buffer as ArrayBuffer] };
}

/** True for a worker's TaskStarted message. */
export function isTaskStarted(message: unknown): message is TaskStarted {
  return typeof message === "object" && message !== null && (message as TaskStarted).type === TASK_STARTED;
}
