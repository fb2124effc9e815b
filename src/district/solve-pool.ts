/**
 * The in-process worker pool: Piscina threads running workers/solve-school-task.ts, one school
 * per task. The problem and the outcome cross threads as transferred buffers (school-task.ts).
 */
import { Mutex } from "async-mutex";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { SchoolTimeoutError } from "./school-failure.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import type { ScheduledSchool, Solve } from "../run/schedule-school.ts";
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { IncrementalOptions, IncrementalOutcome } from "../enroll/incremental-schedule.ts";
import type { IncrementalIds } from "../enroll/run-incremental.ts";
import type { SchoolReport } from "../report/run-report.ts";
import type { Violation } from "../../solver/check/violation.ts";
import {
  believeKept,
  emptyBelief,
  rosterWithChange,
  schoolSync,
  type ResidentBelief,
  type RosterChange,
} from "./resident-schools.ts";
import {
  BENCHMARK_TASK,
  decodeValue,
  decodeValueInTurns,
  encodeValueInTurns,
  INCREMENTAL_TASK,
  isTaskStarted,
  schoolTask,
  VALIDATE_TASK,
  type BenchmarkFigures,
  type BenchmarkTask,
  type IncrementalTask,
  type SchoolTask,
  type ValidateTask,
} from "./school-task.ts";
import { turnClock } from "../store/index.ts";

/**
 * The slice of the main thread's work on what crosses to and from the pool (a whole school's
 * problem or roster) before the event loop gets a turn: requests wait at most about this long
 * for it (issue #16: no stall over ~50 ms, with room for a busy machine's waits for a core).
 */
const MS_PER_TURN = 15;

/**
 * The pool's worker entry. Bundled (dist/bundle/, see scripts/bundle.mjs), the tasks' own
 * JavaScript; run as TypeScript (tests, tsx), plain JavaScript that loads tsx, then the
 * TypeScript task. Found from the package's root: bundled, this code sits in a chunk, not here.
 */
export const SOLVE_TASK_FILE = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/solve-tasks.js")
  : path.join(PACKAGE_ROOT, "workers/solve-school-entry.mjs");

export type SolvePool = Piscina<SchoolTask | IncrementalTask | BenchmarkTask | ValidateTask, Uint8Array>;

export interface SolvePoolOptions {
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Another task module with the same contract (tests use one that misbehaves on cue). */
  taskFile?: string;
  /**
   * Lowers the OS priority of the pool's threads by this much (nice, per thread on Linux), so
   * that the process's main thread wins a core from them: what a server does (SERVER_NICENESS).
   */
  niceIncrement?: number;
}

/** The default thread count: one per core. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** Starts a pool whose threads stay up for the whole run (a school's solve dwarfs a thread's start-up, not the reverse). */
export function createSolvePool(options: SolvePoolOptions = {}): SolvePool {
  const threads = Math.max(1, options.threads ?? defaultThreads());
  return new Piscina<SchoolTask | IncrementalTask | BenchmarkTask | ValidateTask, Uint8Array>({
    filename: options.taskFile ?? SOLVE_TASK_FILE,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // The solver is CPU-bound: one task per thread, never interleaved.
    concurrentTasksPerWorker: 1,
    niceIncrement: options.niceIncrement ?? 0,
  });
}

/** Per pool: what to do when a task starts (arm its time-out), by task ID. */
const startListeners = new WeakMap<SolvePool, Map<number, () => void>>();
let nextTaskId = 1;

/** The pool's start listeners, hooked to its worker messages on first use. */
function listenersOf(pool: SolvePool): Map<number, () => void> {
  let listeners = startListeners.get(pool);
  if (!listeners) {
    const map = new Map<number, () => void>();
    pool.on("message", (message: unknown) => {
      if (!isTaskStarted(message)) return;
      const listener = map.get(message.taskId);
      map.delete(message.taskId);
      listener?.();
    });
    startListeners.set(pool, (listeners = map));
  }
  return listeners;
}

/**
 * The pool's solve: one school per task. The time-out counts from when a thread begins the
 * school (see TaskStarted); reaching it stops that thread (the pool starts another) and
 * rejects with SchoolTimeoutError.
 */
export function poolSolve(pool: SolvePool, limits: { timeoutMs?: number } = {}): Solve {
  const handOut = new Mutex();
  return async (problem, options) => {
    const taskId = nextTaskId++;
    // Encoded in turns of the event loop, a smaller school handed out later could finish first
    // (on a loaded machine): the mutex, asked for as the school is handed out, grants its turns
    // in that order, so the pool's queue takes the schools as runSchools hands them out
    // (heaviest first). A turn is held only from the end of the encoding to the task's queuing.
    const turn = handOut.acquire();
    let encoded: Awaited<ReturnType<typeof schoolTask>>;
    try {
      encoded = await schoolTask(taskId, problem, options, turnClock(MS_PER_TURN));
    } catch (error) {
      void turn.then((release) => release());
      throw error;
    }
    const release = await turn;
    const { task, transferList } = encoded;
    const solved = (bytes: Uint8Array) => decodeValueInTurns<ScheduledSchool>(bytes, turnClock(MS_PER_TURN));
    if (limits.timeoutMs === undefined) {
      const running = pool.run(task, { transferList });
      release();
      return solved(await running);
    }
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const listeners = listenersOf(pool);
    listeners.set(taskId, () => (timer = setTimeout(() => abort.abort(), limits.timeoutMs)));
    let answer: Uint8Array;
    try {
      const running = pool.run(task, { transferList, signal: abort.signal });
      release();
      answer = await running;
    } catch (error) {
      if (abort.signal.aborted) throw new SchoolTimeoutError(problem.school.schoolId, limits.timeoutMs);
      throw error;
    } finally {
      listeners.delete(taskId);
      clearTimeout(timer);
    }
    return solved(answer);
  };
}

/** An incremental outcome as the pool's thread returns it: checked by the validator and reported there. */
export type CheckedIncremental = IncrementalOutcome & { report: SchoolReport; violations: Violation[] };

/** What the pool's thread answers an IncrementalTask: the outcome with its roster as a change of the live one, or that it lacks the school. */
export type IncrementalAnswer =
  (Omit<CheckedIncremental, "roster"> & { rosterChange: RosterChange }) | { missing: true };

/** What the main thread believes each one-thread pool keeps (resident-schools.ts). */
const beliefs = new WeakMap<SolvePool, ResidentBelief>();

/**
 * An incremental run's solve on the pool: the same incrementalSchedule as on this thread, which
 * then stays free to answer requests (a run with allowMoves can take seconds); the roster comes
 * back checked by the validator and reported there too. With `ids`, the pool's thread keeps the
 * school (resident-schools.ts): later runs send only what changed, and the new roster comes
 * back as the seats that changed.
 */
export async function solveIncrementalOnPool(
  pool: SolvePool,
  problem: SchoolProblem,
  live: SchoolRoster,
  options: IncrementalOptions,
  ids?: IncrementalIds,
): Promise<CheckedIncremental> {
  let belief = beliefs.get(pool);
  if (!belief) beliefs.set(pool, (belief = emptyBelief()));
  const run = async (whole: boolean) => {
    const sync = schoolSync(
      belief,
      { schoolId: problem.school.schoolId, problem, live, ...ids },
      ids?.changesSince ?? (() => undefined),
      whole,
    );
    // In turns: the first task after a district run publishes sends the whole school again. Tasks may
    // then reach the thread in another order than their syncs were made; the thread answers
    // `missing` for whatever it does not hold, so a belief gone stale costs a whole send, never a wrong roster.
    const input = await encodeValueInTurns(sync, turnClock(MS_PER_TURN));
    const task: IncrementalTask = { taskId: nextTaskId++, input, options };
    const answer = decodeValue<IncrementalAnswer>(
      await pool.run(task, { name: INCREMENTAL_TASK, transferList: [input.buffer as ArrayBuffer] }),
    );
    if ("missing" in answer) return undefined;
    believeKept(belief, sync);
    const { rosterChange, ...outcome } = answer;
    return { ...outcome, roster: rosterWithChange(live, rosterChange, outcome.touched) };
  };
  const answer = (await run(false)) ?? (await run(true));
  if (!answer) throw new Error("the pool's thread lacked a school it was sent whole");
  return answer;
}

/** The independent validator's violations of `roster` against its school's `problem`, found on a pool thread. */
export async function validateOnPool(
  pool: SolvePool,
  problem: SchoolProblem,
  roster: SchoolRoster,
): Promise<Violation[]> {
  const input = await encodeValueInTurns({ problem, roster }, turnClock(MS_PER_TURN));
  const task: ValidateTask = { input };
  return decodeValue<Violation[]>(
    await pool.run(task, { name: VALIDATE_TASK, transferList: [input.buffer as ArrayBuffer] }),
  );
}

/** QA's benchmark on the pool: the preset generated, solved and validated on a pool thread. */
export async function benchmarkOnPool(
  pool: SolvePool,
  preset: BenchmarkTask["preset"],
  options: BenchmarkTask["options"],
): Promise<BenchmarkFigures> {
  const task: BenchmarkTask = { taskId: nextTaskId++, preset, options };
  return decodeValue<BenchmarkFigures>(await pool.run(task, { name: BENCHMARK_TASK }));
}
