/**
 * A district run against the store on this machine: each school's problem is loaded and its
 * result saved and published on the main thread, while the solve runs on the worker pool.
 * Largest schools first; a school that fails is retried, then reported, and the rest publish.
 */
import { type Store, schoolSizes } from "../store/index.ts";
import { advanceProgress, initialProgress, type DistrictProgress } from "./district-progress.ts";
import { newDistrictRunId } from "./district-run-id.ts";
import { runSchoolOnce, type DistrictSchoolOutcome } from "./run-school-once.ts";
import { runWithRetries } from "./run-with-retries.ts";
import { failureReason, type SchoolFailure } from "./school-failure.ts";
import type { TaskScheduleOptions } from "./school-task.ts";
import { heaviestFirst, schoolWeight } from "./school-weight.ts";
import { createSolvePool, defaultThreads, plainOptions, solveOnPool, type SolvePool } from "./solve-pool.ts";

export interface StoreDistrictOptions {
  schedule: TaskScheduleOptions;
  /** Publish each school's roster as it is saved (default true). */
  publish?: boolean;
  /** Worker threads (default: the machine's cores). Ignored when `pool` is given. */
  threads?: number;
  pool?: SolvePool;
  taskFile?: string;
  /** Tries per school, the first included (default 2). */
  attempts?: number;
  /** Per-attempt cap on one school's solve. */
  timeoutMs?: number;
  leaseMs?: number;
  /** Wait this long for a school's active run (a counselor's) before counting the attempt failed. */
  waitMs?: number;
  /** Name of the run (default: a fresh one); runs of the store record it. */
  districtRunId?: string;
  onProgress?: (progress: DistrictProgress) => void;
}

export interface StoreDistrictResult {
  districtRunId: string;
  /** Schools that have a saved run, in the order of `schoolIds`. */
  outcomes: DistrictSchoolOutcome[];
  failures: SchoolFailure[];
}

/** Schedules (and publishes) the given schools of the store on the in-process pool; never rejects because of one school. */
export async function runDistrictOnPool(store: Store, schoolIds: readonly string[], options: StoreDistrictOptions): Promise<StoreDistrictResult> {
  const districtRunId = options.districtRunId ?? newDistrictRunId();
  const startedAt = new Date();
  const schedule = plainOptions(options.schedule);
  const sizes = await schoolSizes(store, schoolIds);
  const sizeOf = (id: string) => sizes.get(id) ?? { students: 0, requests: 0 };
  const threads = options.pool ? options.pool.maxThreads : Math.max(1, options.threads ?? defaultThreads());
  const pool = options.pool ?? createSolvePool({ threads, taskFile: options.taskFile });
  const clock = performance.now();
  let progress = initialProgress(schoolIds.length, schoolIds.reduce((n, id) => n + sizeOf(id).students, 0));
  const outcomes: (DistrictSchoolOutcome | undefined)[] = new Array(schoolIds.length);
  const failures: (SchoolFailure | undefined)[] = new Array(schoolIds.length);
  try {
    await runWithRetries(
      heaviestFirst(schoolIds, (id) => schoolWeight(sizeOf(id))),
      (index) =>
        runSchoolOnce(store, schoolIds[index]!, {
          districtRunId,
          startedAt,
          schedule,
          publish: options.publish,
          leaseMs: options.leaseMs,
          waitMs: options.waitMs,
          solve: async (problem, solveOptions) => (await solveOnPool(pool, problem, solveOptions, { timeoutMs: options.timeoutMs })).outcome,
        }),
      // Loading and saving on this thread overlap the solves of the others.
      { concurrency: threads + 1, attempts: options.attempts ?? 2 },
      ({ index, attempts, result, error }) => {
        const schoolId = schoolIds[index]!;
        const students = sizeOf(schoolId).students;
        if (result) {
          outcomes[index] = result;
          progress = advanceProgress(progress, { schoolId, students, ok: true, studentsPlaced: result.report.students - result.report.studentsWithNothing }, performance.now() - clock);
        } else {
          const reason = failureReason(error);
          failures[index] = { schoolId, reason, attempts };
          progress = advanceProgress(progress, { schoolId, students, ok: false, reason }, performance.now() - clock);
        }
        options.onProgress?.(progress);
      },
    );
  } finally {
    if (!options.pool) await pool.destroy();
  }
  const present = <T>(items: (T | undefined)[]) => items.filter((x): x is T => x !== undefined);
  return { districtRunId, outcomes: present(outcomes), failures: present(failures) };
}
