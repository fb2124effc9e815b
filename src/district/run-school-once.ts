/**
 * One school of a district run against the store, at most once: a school retried after a
 * crash, a time-out or a lost worker reuses the run that an earlier attempt already saved
 * instead of writing its assignments a second time. Each school run records its district run
 * in its parameters; the check is made before starting and again once the school's lease is
 * held (when no other process can be saving it), which closes the race with a worker that was
 * presumed dead but finished after all.
 */
import type { SchoolReport } from "../report/run-report.ts";
import { liveRunId, publishRun, type RunRecord, runSchool, type SolveSchool, type Store } from "../store/index.ts";
import { DISTRICT_RUN_PARAMETER } from "./district-run-id.ts";
import { priorDistrictRun } from "./prior-district-run.ts";
import type { TaskScheduleOptions } from "./school-task.ts";

export interface DistrictSchoolOptions {
  districtRunId: string;
  /** When the district run began: no earlier run can belong to it. */
  startedAt: Date;
  schedule: TaskScheduleOptions;
  /** Solves the loaded problem (on the pool, in practice). */
  solve: SolveSchool;
  /** Publish the roster as live (default true). */
  publish?: boolean;
  /** The store lease of the school's run (default: the store's). */
  leaseMs?: number;
  /** Wait this long for another active run of the school (default 0: refuse at once). */
  waitMs?: number;
}

export interface DistrictSchoolOutcome {
  schoolId: string;
  runId: number;
  report: SchoolReport;
  /** The run is the school's live roster. */
  published: boolean;
  /** An earlier attempt had already saved this run; nothing was written now. */
  reused: boolean;
}

/** Thrown inside the run to abandon it when an earlier attempt's run turns up. */
class AlreadySavedError extends Error {
  constructor(readonly prior: RunRecord, districtRunId: string) {
    super(`superseded: run ${prior.runId} already saved school ${JSON.stringify(prior.schoolId)} for district run ${districtRunId}; nothing was written`);
    this.name = "AlreadySavedError";
  }
}

/** Publishes (if asked and nothing newer is live) and returns an earlier attempt's run. */
async function reuse(store: Store, prior: RunRecord, publish: boolean): Promise<DistrictSchoolOutcome> {
  if (!prior.metrics) throw new Error(`run ${prior.runId} of school ${prior.schoolId} was saved without its report`);
  let published = false;
  if (publish) {
    const live = await liveRunId(store, prior.schoolId);
    // A later run already live (someone re-ran the school since) must not be rolled back.
    if (live === undefined || live <= prior.runId) {
      await publishRun(store, prior.runId);
      published = true;
    }
  }
  return { schoolId: prior.schoolId, runId: prior.runId, report: prior.metrics, published, reused: true };
}

/** Runs one school for a district run, or reuses the run an earlier attempt saved; throws what the run threw. */
export async function runSchoolOnce(store: Store, schoolId: string, options: DistrictSchoolOptions): Promise<DistrictSchoolOutcome> {
  const publish = options.publish !== false;
  const earlier = await priorDistrictRun(store, schoolId, options.districtRunId, options.startedAt);
  if (earlier) return reuse(store, earlier, publish);
  // Stored with the run: how it was made, and for which district run.
  const schedule = Object.assign({}, options.schedule, { [DISTRICT_RUN_PARAMETER]: options.districtRunId });
  try {
    const outcome = await runSchool(store, schoolId, {
      schedule,
      publish,
      leaseMs: options.leaseMs,
      waitMs: options.waitMs ?? 0,
      solve: async (problem, solveOptions) => {
        const raced = await priorDistrictRun(store, schoolId, options.districtRunId, options.startedAt);
        if (raced) throw new AlreadySavedError(raced, options.districtRunId);
        return options.solve(problem, solveOptions);
      },
    });
    return { schoolId, runId: outcome.runId, report: outcome.report, published: outcome.published !== undefined, reused: false };
  } catch (error) {
    if (error instanceof AlreadySavedError) return reuse(store, error.prior, publish);
    throw error;
  }
}
