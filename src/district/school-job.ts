/**
 * The queue's school job: run one school of a district run on this worker's pool, at most once
 * (see runSchool's districtRun). The solve runs on a pool thread, never on this event loop, so the job's
 * lock keeps being renewed and a long school is not mistaken for a stalled one.
 */
import { DelayedError, type Job } from "bullmq";
import { RunInProgressError, type Store } from "../store/index.ts";
import type { SchoolJobData, SchoolJobResult } from "./queue-jobs.ts";
import { runSchool } from "../run/run-school.ts";
import { failureReason } from "./school-failure.ts";
import { poolSolve, type SolvePool } from "./solve-pool.ts";

export interface SchoolJobDeps {
  store: Store;
  pool: SolvePool;
  log: (line: string) => void;
}

/** How long to wait, at most, before looking again at a school another run holds. */
const BUSY_RECHECK_MS = 30_000;

/** Processes one school job; on a busy school, puts the job back for later without spending an attempt. */
export async function processSchoolJob(
  job: Job<SchoolJobData, SchoolJobResult>,
  token: string | undefined,
  deps: SchoolJobDeps,
): Promise<SchoolJobResult> {
  const data = job.data;
  const name = JSON.stringify(data.schoolId);
  deps.log(`school ${name}: solving (district run ${data.districtRunId}, attempt ${job.attemptsStarted})`);
  try {
    const outcome = await runSchool(deps.store, data.schoolId, {
      districtRun: { id: data.districtRunId, startedAt: new Date(data.startedAt) },
      schedule: data.schedule,
      publish: data.publish,
      leaseMs: data.leaseMs,
      solve: poolSolve(deps.pool, { timeoutMs: data.timeoutMs }),
    });
    deps.log(
      `school ${name}: run ${outcome.runId} ${outcome.reused ? "reused (saved by an earlier attempt)" : "saved"}${outcome.published ? ", published" : ""}`,
    );
    return {
      schoolId: outcome.schoolId,
      runId: outcome.runId,
      published: outcome.published !== undefined,
      reused: outcome.reused,
      report: outcome.report,
    };
  } catch (error) {
    if (error instanceof RunInProgressError && token) {
      // A counselor's run, or a dead worker's until its lease expires: come back when it should be over.
      const until = Math.max(Date.now() + 1_000, Math.min(error.expiresAt.getTime(), Date.now() + BUSY_RECHECK_MS));
      deps.log(`school ${name}: busy with run ${error.activeRunId}; retrying at ${new Date(until).toISOString()}`);
      await job.moveToDelayed(until, token);
      throw new DelayedError();
    }
    deps.log(`school ${name}: attempt ${job.attemptsStarted} failed: ${failureReason(error)}`);
    throw error;
  }
}
