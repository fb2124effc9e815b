/**
 * Schedules many schools on the in-process pool: largest first, one school per task, a failed
 * school retried and then reported with its reason while the others go on. Results do not
 * depend on the order schools finish in: each school's roster depends only on its problem and
 * the options (given a solve not cut short by its wall-clock limit).
 */
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { groupBySchool } from "../domain/group-by-school.ts";
import { summarize, type RunReport, type SchoolReport } from "../report/run-report.ts";
import { advanceProgress, initialProgress, type DistrictProgress } from "./district-progress.ts";
import { runWithRetries } from "./run-with-retries.ts";
import { failureReason, type SchoolFailure } from "./school-failure.ts";
import type { TaskScheduleOptions } from "./school-task.ts";
import { heaviestFirst, schoolWeight } from "./school-weight.ts";
import { createSolvePool, defaultThreads, plainOptions, solveOnPool, type SolvePool } from "./solve-pool.ts";

export interface PoolRunOptions {
  /** Worker threads (default: the machine's cores). Ignored when `pool` is given. */
  threads?: number;
  /** A pool to run on instead of a fresh one (left open afterwards). */
  pool?: SolvePool;
  /** Another task module for a fresh pool (tests). */
  taskFile?: string;
  /** Tries per school, the first included (default 2). */
  attempts?: number;
  /** Per-attempt wall-clock cap on one school's solve; the thread is stopped when it is reached. */
  timeoutMs?: number;
  onProgress?: (progress: DistrictProgress) => void;
  /** Keep every roster in the result (default true); false keeps only the reports, for very large runs. */
  keepRosters?: boolean;
}

export interface PoolRunResult {
  /** Rosters of the schools that succeeded, in input order (empty when keepRosters is false). */
  rosters: SchoolRoster[];
  /** Their report lines, in input order. */
  reports: SchoolReport[];
  failures: SchoolFailure[];
}

/** Solves every school on a pool of worker threads; never rejects because of one school. */
export async function scheduleSchoolsOnPool(
  schools: Iterable<SchoolProblem>,
  options: TaskScheduleOptions,
  run: PoolRunOptions = {},
): Promise<PoolRunResult> {
  const list = [...schools];
  const plain = plainOptions(options);
  const threads = run.pool ? run.pool.maxThreads : Math.max(1, run.threads ?? defaultThreads());
  const pool = run.pool ?? createSolvePool({ threads, taskFile: run.taskFile });
  const started = performance.now();
  let progress = initialProgress(list.length, list.reduce((n, s) => n + s.students.length, 0));
  const rosters: (SchoolRoster | undefined)[] = new Array(list.length);
  const reports: (SchoolReport | undefined)[] = new Array(list.length);
  const failures: (SchoolFailure | undefined)[] = new Array(list.length);
  const order = heaviestFirst(list, (s) => schoolWeight({ students: s.students.length, requests: s.requests.length }));
  try {
    await runWithRetries(
      order,
      (index) => solveOnPool(pool, list[index]!, plain, { timeoutMs: run.timeoutMs }),
      // One task more than threads: the next school is encoded and queued while the last one finishes.
      { concurrency: threads + 1, attempts: run.attempts ?? 2 },
      ({ index, attempts, result, error }) => {
        const school = list[index]!;
        const schoolId = school.school.schoolId;
        const students = school.students.length;
        if (result) {
          if (run.keepRosters !== false) rosters[index] = result.outcome.roster;
          reports[index] = result.report;
          const studentsPlaced = students - result.report.studentsWithNothing;
          progress = advanceProgress(progress, { schoolId, students, ok: true, studentsPlaced }, performance.now() - started);
        } else {
          const reason = failureReason(error);
          failures[index] = { schoolId, reason, attempts };
          progress = advanceProgress(progress, { schoolId, students, ok: false, reason }, performance.now() - started);
        }
        run.onProgress?.(progress);
      },
    );
  } finally {
    if (!run.pool) await pool.destroy();
  }
  const present = <T>(items: (T | undefined)[]) => items.filter((x): x is T => x !== undefined);
  return { rosters: present(rosters), reports: present(reports), failures: present(failures) };
}

/** scheduleProblem on the pool: every school of a problem, the rosters and report.json of those that succeeded, and the failures. */
export async function scheduleProblemOnPool(
  problem: Problem,
  options: TaskScheduleOptions,
  run: PoolRunOptions = {},
): Promise<{ rosters: SchoolRoster[]; report: RunReport; failures: SchoolFailure[] }> {
  const startedAt = new Date();
  const result = await scheduleSchoolsOnPool(groupBySchool(problem), options, run);
  const parameters: Record<string, unknown> = { ...plainOptions(options), threads: run.pool?.maxThreads ?? run.threads ?? defaultThreads() };
  if (result.failures.length) parameters.failures = result.failures;
  return { rosters: result.rosters, report: summarize(result.reports, { startedAt, finishedAt: new Date(), parameters }), failures: result.failures };
}
