/**
 * Where runSchools solves: this thread (inline-executor.ts, apart so that a counselor's one
 * school never loads the pool), the in-process Piscina pool, or the BullMQ queue. The
 * first two are the same `solve(problem, options)` contract (Solve); the queue's workers
 * (`mse worker`) read and save the schools of the shared store themselves, with that same solve
 * on their own pool, so a queue executor only says where the queue is.
 */
import type { QueueSetup } from "./queue-setup.ts";
import { createSolvePool, defaultThreads, poolSolve, type SolvePool } from "./solve-pool.ts";
import type { Solve } from "../run/schedule-school.ts";

/** An executor with a solve of its own: this thread or the pool. */
export interface SolvingExecutor {
  kind: "inline" | "pool";
  /** Schools solved at once. */
  threads: number;
  solve: Solve;
  /** Frees what the executor started (a pool it made); a pool handed to it is left open. */
  close(): Promise<void>;
}

/** The queue: workers elsewhere take one job per school of the store. */
export interface QueueExecutor {
  kind: "queue";
  setup: QueueSetup;
  /** Per-attempt cap on one school's solve on a worker. */
  timeoutMs?: number;
  /** Called once the run is on the queue (print its ID: it goes on if this process stops). */
  onEnqueued?: (districtRunId: string) => void;
  /** Stop waiting after this long (the run goes on). */
  waitTimeoutMs?: number;
}

export type Executor = SolvingExecutor | QueueExecutor;

export interface PoolExecutorOptions {
  /** A pool to run on (left open by close). */
  pool?: SolvePool;
  /** Threads of a fresh pool (default: the cores). */
  threads?: number;
  /** Another task module for a fresh pool (tests). */
  taskFile?: string;
  /** Per-attempt wall-clock cap on one school's solve; the thread is stopped when it is reached. */
  timeoutMs?: number;
}

/** Solves on the in-process pool, one school per thread. */
export function poolExecutor(options: PoolExecutorOptions = {}): SolvingExecutor {
  const pool =
    options.pool ??
    createSolvePool({ threads: Math.max(1, options.threads ?? defaultThreads()), taskFile: options.taskFile });
  return {
    kind: "pool",
    threads: pool.maxThreads,
    solve: poolSolve(pool, { timeoutMs: options.timeoutMs }),
    close: async () => {
      if (!options.pool) await pool.destroy();
    },
  };
}

/** Runs on the queue at `setup`. */
export function queueExecutor(setup: QueueSetup, options: Omit<QueueExecutor, "kind" | "setup"> = {}): QueueExecutor {
  return { kind: "queue", setup, ...options };
}
