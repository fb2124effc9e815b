/**
 * One school's run against the store, start to finish: take the school's lease, read its
 * problem, solve, validate, then save the result and publish it (in one transaction). If anything fails (a roster that
 * breaks a hard constraint included) the run is marked failed and
 * the live roster stays as it was; running the school again is the retry.
 */
import { schoolReportOf } from "../report/school-report.ts";
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolReport } from "../report/run-report.ts";
import { scheduleSchool, type ScheduleOptions } from "../run/schedule-problem.ts";
import type { SolveOutcome } from "../../solver/solve-options.ts";
import { failRun } from "./fail-run.ts";
import { joinSchools } from "../domain/join-schools.ts";
import { assertValidRosters, InvalidRosterError } from "../run/invalid-roster.ts";
import type { Violation } from "../../solver/check/violation.ts";
import { loadSchoolProblem } from "./load-school-problem.ts";
import type { PublishOutcome } from "./publish-run.ts";
import { renewLease, saveRunResult, type RunResult } from "./save-run-result.ts";
import { DEFAULT_LEASE_MS, startRun, type StartRunOptions } from "./start-run.ts";
import type { Store } from "./store.ts";

/**
 * Solves one school; the real solver by default, replaceable in tests. An outcome that names a
 * `delta` (an incremental run: few students changed since a base run) is saved as one.
 */
export type SolveSchool = (problem: SchoolProblem, options: ScheduleOptions) => SolvedSchool | Promise<SolvedSchool>;

/**
 * What a solve on another thread may bring back besides the roster: the independent validator's
 * verdict and the report, both made there. runSchool then takes them instead of spending this
 * thread (which answers requests) on them; a solve without them is checked and reported here.
 */
export interface CheckedSolve {
  checked?: { violations: Violation[] };
  report?: SchoolReport;
}

/** What a SolveSchool returns. */
export type SolvedSchool = SolveOutcome & Pick<RunResult, "delta"> & CheckedSolve;

export interface RunSchoolOptions extends StartRunOptions {
  schedule: Omit<ScheduleOptions, "onSchoolDone">;
  /** Publish the result as the live roster (default true). */
  publish?: boolean;
  solve?: SolveSchool;
}

export interface RunSchoolOutcome {
  runId: number;
  schoolId: string;
  report: SchoolReport;
  /** Undefined when not asked to publish. */
  published?: PublishOutcome;
}

/** Runs one school of the store: lease, load, solve, save, publish; marks the run failed on error. */
export async function runSchool(store: Store, schoolId: string, options: RunSchoolOptions): Promise<RunSchoolOutcome> {
  // The solver blocks the thread, so the lease cannot be renewed while it works: make it outlast the solve.
  const leaseMs = options.leaseMs ?? Math.max(DEFAULT_LEASE_MS, 3 * (options.schedule.timeLimitMs ?? 0));
  const handle = await startRun(store, schoolId, { ...options.schedule }, { ...options, leaseMs });
  try {
    const problem = await loadSchoolProblem(store, schoolId);
    const outcome: SolvedSchool = await (options.solve ?? scheduleSchool)(problem, options.schedule);
    // Checked before anything is written: a roster that breaks a hard constraint is never saved as a result, nor made live.
    const what = `run ${handle.runId} of school ${JSON.stringify(schoolId)}`;
    if (!outcome.checked) assertValidRosters(joinSchools([problem]), [outcome.roster], what);
    else if (outcome.checked.violations.length > 0) throw new InvalidRosterError(outcome.checked.violations, what);
    // The solve may have been long: prove the lease is still ours before spending time writing.
    await renewLease(store.db, store, handle);
    const report = outcome.report ?? schoolReportOf(problem, outcome);
    const published = await saveRunResult(store, handle,
      { roster: outcome.roster, metrics: report, bounds: outcome.bounds, timings: outcome.timings, delta: outcome.delta },
      { publish: options.publish !== false });
    return { runId: handle.runId, schoolId, report, published };
  } catch (error) {
    await failRun(store, handle, error).catch(() => undefined);
    throw error;
  }
}
