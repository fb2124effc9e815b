/**
 * The work of the jobs POST /v1/.../runs starts: a full or incremental run of one school (in
 * the school's lane, solved on the pool), or a district run on the pool. Each fills in its
 * job as it goes; a job's error says what went wrong in words the caller may see.
 */
import { randomUUID } from "node:crypto";
import { newDistrictRunId } from "../run/district-run-id.ts";
import { runIncremental } from "../enroll/run-incremental.ts";
import { fromStore, runSchools } from "../district/run-schools.ts";
import {
  acquireStoreLock,
  DISTRICT_RUN_LOCK,
  releaseStoreLock,
  renewStoreLock,
  type ScenarioRecord,
} from "../store/index.ts";
import { promoteScenario } from "../scenario/promote-scenario.ts";
import type { Quality } from "../../solver/solve-options.ts";
import type { Caller } from "./auth.ts";
import { poolOf, solveIncrementalOn, solvePool, type ApiContext } from "./context.ts";
import { poolSolve } from "../district/solve-pool.ts";
import { ApiError, toApiError } from "./errors.ts";
import { markRunning, reportProgress, startJob, type Job } from "./jobs.ts";
import { runExclusive } from "../enroll/school-lanes.ts";

export interface SchoolRunRequest {
  kind: "full" | "incremental";
  seed: number;
  quality: Quality;
  allowMoves: number;
  publish: boolean;
}

/** What a failed job tells its caller: a 4xx-like error as it is, anything else as a pointer to the log. */
function describeFailure(context: ApiContext, job: Job): (error: unknown) => { code: string; message: string } {
  return (error) => {
    const known = toApiError(error);
    if (known) return { code: known.code, message: known.message };
    context.log({ level: "error", message: "job failed", jobId: job.jobId, error });
    return { code: "internal", message: `the run failed; quote job ${job.jobId} to the operators` };
  };
}

/** Starts a run of one school as a job (queued behind the school's other work); resolves with the job once it is saved. */
export async function startSchoolRunJob(
  context: ApiContext,
  caller: Caller,
  schoolId: string,
  request: SchoolRunRequest,
): Promise<Job> {
  const { store } = context;
  const job: Job = {
    jobId: `j-${randomUUID()}`,
    kind: request.kind,
    status: "queued",
    schoolIds: [schoolId],
    parameters:
      request.kind === "full"
        ? { seed: request.seed, quality: request.quality, publish: request.publish }
        : { seed: request.seed, quality: request.quality, allowMoves: request.allowMoves, publish: request.publish },
    tokenId: caller.tokenId,
    createdAt: new Date(),
  };
  await startJob(
    context.jobs,
    job,
    (job) =>
      runExclusive(context.lanes, schoolId, async () => {
        await markRunning(context.jobs, job);
        if (request.kind === "incremental") {
          const outcome = await runIncremental(store, schoolId, {
            seed: request.seed,
            quality: request.quality,
            allowMoves: request.allowMoves,
            publish: request.publish,
            solve: solveIncrementalOn(context),
          });
          job.runId = outcome.runId;
          job.result = {
            report: outcome.report,
            published: outcome.published !== undefined,
            placedNew: outcome.placedNew,
            moved: outcome.moved.length,
            displaced: outcome.displaced.length,
          };
          return;
        }
        // One try, and its error is the job's (a busy school is a 409, not a failed line of a district run).
        // A district run (or another server) may be running the school: wait for it rather than fail the job.
        const source = fromStore(store, [schoolId], {
          publish: request.publish,
          districtRunId: false,
          waitMs: context.options.districtWaitMs,
        });
        const { runs, reports } = await runSchools(source, poolOf(context), {
          schedule: { seed: request.seed, quality: request.quality, loader: "solver" },
          attempts: 1,
          failFast: true,
        });
        job.runId = runs[0]!.runId;
        job.result = { report: reports[0]!, published: runs[0]!.published };
      }),
    describeFailure(context, job),
  );
  return job;
}

/** The district-run lock lasts this long unless renewed; it is renewed three times as often. */
export const DISTRICT_LOCK_TTL_MS = 60_000;

/**
 * Starts a district run of `schoolIds` on the pool as a job (its ID is the district run's);
 * resolves with the job once it is saved. One district run at a time on the whole store:
 * the job holds the store's district-run lock (409 naming the running job when another
 * server, or this one, holds it), renews it while it runs and gives it up when done.
 */
export async function startDistrictRunJob(
  context: ApiContext,
  caller: Caller,
  schoolIds: string[],
  request: { seed: number; quality: Quality; publish: boolean },
): Promise<Job> {
  const districtRunId = newDistrictRunId(new Date(), "api");
  const lock = await acquireStoreLock(context.store, DISTRICT_RUN_LOCK, {
    holder: context.holder,
    owner: districtRunId,
    ttlMs: DISTRICT_LOCK_TTL_MS,
  });
  if (!lock.acquired) {
    throw new ApiError(
      409,
      "district_run_in_progress",
      `district run ${lock.by.owner} is still going; poll /v1/jobs/${encodeURIComponent(lock.by.owner)}`,
    );
  }
  const renewing = setInterval(() => {
    renewStoreLock(context.store, DISTRICT_RUN_LOCK, context.holder, DISTRICT_LOCK_TTL_MS).then(
      (held) =>
        held ||
        context.log({
          level: "error",
          message: "the district-run lock was lost (expired and taken)",
          jobId: districtRunId,
        }),
      (error: unknown) =>
        context.log({ level: "warn", message: "renewing the district-run lock failed", jobId: districtRunId, error }),
    );
  }, DISTRICT_LOCK_TTL_MS / 3);
  renewing.unref();
  const release = () => {
    clearInterval(renewing);
    return releaseStoreLock(context.store, DISTRICT_RUN_LOCK, context.holder).catch((error: unknown) =>
      context.log({
        level: "warn",
        message: "releasing the district-run lock failed (it expires by itself)",
        jobId: districtRunId,
        error,
      }),
    );
  };
  const job: Job = {
    jobId: districtRunId,
    kind: "district",
    status: "queued",
    schoolIds,
    parameters: { seed: request.seed, quality: request.quality, publish: request.publish, schools: schoolIds.length },
    tokenId: caller.tokenId,
    createdAt: new Date(),
  };
  const work = async (job: Job) => {
    await markRunning(context.jobs, job);
    // A counselor's run of a school may be going on: wait for it rather than fail the school.
    const source = fromStore(context.store, schoolIds, {
      publish: request.publish,
      waitMs: context.options.districtWaitMs,
      districtRunId,
    });
    const result = await runSchools(source, poolOf(context), {
      schedule: { seed: request.seed, quality: request.quality, loader: "solver" },
      onProgress: (progress) => reportProgress(context.jobs, job, progress),
    });
    job.result = {
      runIds: result.runs.map((o) => o.runId),
      schoolsSucceeded: result.runs.length,
      failures: result.failures.map((f) => ({ schoolId: f.schoolId, reason: f.reason, attempts: f.attempts })),
    };
  };
  try {
    await startJob(context.jobs, job, (job) => work(job).finally(release), describeFailure(context, job));
  } catch (error) {
    await release();
    throw error;
  }
  return job;
}

/** Starts the promotion of a scenario as a job (a full run, queued behind the school's other work); resolves with the job once it is saved. */
export async function startPromoteJob(
  context: ApiContext,
  caller: Caller,
  scenario: ScenarioRecord,
  request: { version: number; seed?: number },
): Promise<Job> {
  const { store } = context;
  const seed = request.seed ?? scenario.seed;
  const job: Job = {
    jobId: `j-${randomUUID()}`,
    kind: "full",
    status: "queued",
    schoolIds: [scenario.schoolId],
    parameters: {
      seed,
      quality: "full",
      publish: true,
      scenarioId: scenario.scenarioId,
      scenarioVersion: request.version,
    },
    tokenId: caller.tokenId,
    createdAt: new Date(),
  };
  await startJob(
    context.jobs,
    job,
    (job) =>
      runExclusive(context.lanes, scenario.schoolId, async () => {
        await markRunning(context.jobs, job);
        const outcome = await promoteScenario(store, scenario.scenarioId, request.version, {
          seed,
          solve: poolSolve(solvePool(context)),
        });
        job.runId = outcome.runId;
        job.result = { report: outcome.report, published: true };
      }),
    describeFailure(context, job),
  );
  return job;
}
