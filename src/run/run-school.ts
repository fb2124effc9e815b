/**
 * One school's run against the store, start to finish: take the school's lease, read its
 * problem, schedule it, validate, then save the result and publish it (in one transaction). If
 * anything fails (a roster that breaks a hard constraint included) the run is marked failed and
 * the live roster stays as it was; running the school again is the retry.
 *
 * A run made for a district run happens at most once: a school retried after a crash, a
 * time-out or a lost worker reuses the run an earlier attempt already saved instead of writing
 * its assignments a second time. Each such run records its district run in its parameters; the
 * check is made before starting and again once the school's lease is held (when no other
 * process can be saving it), which closes the race with a worker that was presumed dead but
 * finished after all.
 */
import type { SchoolReport } from "../report/run-report.ts";
import { priorDistrictRun } from "./prior-district-run.ts";
import { DISTRICT_RUN_PARAMETER } from "./district-run-id.ts";
import {
  DEFAULT_LEASE_MS,
  failRun,
  liveRunId,
  readSchoolProblemVersioned,
  publishRun,
  renewLease,
  saveRunResult,
  startRun,
  type PublishOutcome,
  type RunRecord,
  type StartRunOptions,
  type Store,
} from "../store/index.ts";
import { assertValidSchoolRoster, InvalidRosterError } from "./invalid-roster.ts";
import { scheduleWithReport, type ScheduleOptions, type Solve } from "./schedule-school.ts";

export interface RunSchoolOptions extends StartRunOptions {
  /** How to schedule; kept with the run as its parameters (extra keys too, e.g. an incremental run's base). */
  schedule: ScheduleOptions;
  /** Publish the result as the live roster (default true). */
  publish?: boolean;
  /** Where the school is solved (default: this thread). */
  solve?: Solve;
  /** The district run this run belongs to: at most one run of the school is saved for it. */
  districtRun?: { id: string; startedAt: Date };
}

export interface RunSchoolOutcome {
  runId: number;
  schoolId: string;
  report: SchoolReport;
  /** Undefined when not asked to publish (or a later run is live already). */
  published?: PublishOutcome;
  /** An earlier attempt of the same district run had already saved this run; nothing was written now. */
  reused: boolean;
}

/** Thrown inside the run to abandon it when an earlier attempt's run turns up. */
class AlreadySavedError extends Error {
  constructor(
    readonly prior: RunRecord,
    districtRunId: string,
  ) {
    super(
      `superseded: run ${prior.runId} already saved school ${JSON.stringify(prior.schoolId)} for district run ${districtRunId}; nothing was written`,
    );
    this.name = "AlreadySavedError";
  }
}

/** Publishes (if asked and nothing newer is live) and returns an earlier attempt's run. */
async function reuse(store: Store, prior: RunRecord, publish: boolean): Promise<RunSchoolOutcome> {
  if (!prior.metrics) throw new Error(`run ${prior.runId} of school ${prior.schoolId} was saved without its report`);
  let published: PublishOutcome | undefined;
  if (publish) {
    const live = await liveRunId(store, prior.schoolId);
    // A later run already live (someone re-ran the school since) must not be rolled back.
    if (live === undefined || live <= prior.runId) published = await publishRun(store, prior.runId);
  }
  return { schoolId: prior.schoolId, runId: prior.runId, report: prior.metrics, published, reused: true };
}

/** Runs one school of the store: lease, read, solve, validate, save, publish; marks the run failed on error. */
export async function runSchool(store: Store, schoolId: string, options: RunSchoolOptions): Promise<RunSchoolOutcome> {
  const publish = options.publish !== false;
  const district = options.districtRun;
  if (district) {
    const earlier = await priorDistrictRun(store, schoolId, district.id, district.startedAt);
    if (earlier) return reuse(store, earlier, publish);
  }
  // Stored with the run: how it was made, and for which district run.
  const parameters = district
    ? { ...options.schedule, [DISTRICT_RUN_PARAMETER]: district.id }
    : { ...options.schedule };
  const solve = options.solve ?? scheduleWithReport;
  // The solver may block the thread, so the lease cannot be renewed while it works: make it outlast the solve.
  const leaseMs = options.leaseMs ?? Math.max(DEFAULT_LEASE_MS, 3 * (options.schedule.timeLimitMs ?? 0));
  try {
    const handle = await startRun(store, schoolId, parameters, { ...options, leaseMs });
    try {
      const { problem, problemVersion } = await readSchoolProblemVersioned(store, schoolId);
      if (district) {
        const raced = await priorDistrictRun(store, schoolId, district.id, district.startedAt);
        if (raced) throw new AlreadySavedError(raced, district.id);
      }
      const { outcome, report, delta, violations } = await solve(problem, options.schedule, {
        runId: handle.runId,
        problemVersion,
      });
      // Checked before anything is written: a roster that breaks a hard constraint is never saved as a result, nor made live.
      // A pool worker checked it already (ScheduledSchool.violations): this thread answers requests and does not check twice.
      const what = `run ${handle.runId} of school ${JSON.stringify(schoolId)}`;
      if (!violations) assertValidSchoolRoster(problem, outcome.roster, what);
      else if (violations.length > 0) throw new InvalidRosterError(violations, what);
      // The solve may have been long: prove the lease is still ours before spending time writing.
      await renewLease(store.db, store, handle);
      const published = await saveRunResult(
        store,
        handle,
        { roster: outcome.roster, metrics: report, bounds: outcome.bounds, timings: outcome.timings, delta },
        { publish },
      );
      return { runId: handle.runId, schoolId, report, published, reused: false };
    } catch (error) {
      await failRun(store, handle, error).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof AlreadySavedError) return reuse(store, error.prior, publish);
    throw error;
  }
}
