/**
 * Runs: start one (a school, full or incremental; the district), follow it (GET /v1/jobs/:jobId),
 * and read the store's run records. Starting answers 202 with the job and where to poll it.
 */
import { z } from "zod";
import { getRun, listRuns, listSchoolIds, liveRunId } from "../../store/index.ts";
import { ALL_ROLES, canSeeSchool, STUDENT_ROLES } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { getJob } from "../jobs.ts";
import { checkOpenRuns, startRunsOneByOne } from "../limits.ts";
import { operation, type Operation } from "../operation.ts";
import { startDistrictRunJob, startSchoolRunJob } from "../run-jobs.ts";
import { schoolParams } from "../schemas/common.ts";
import {
  jobAccepted,
  jobParams,
  jobView as jobSchema,
  runList,
  runParams,
  runRecordView as runSchema,
  startDistrictRunBody,
  startSchoolRunBody,
} from "../schemas/runs.ts";
import { jobLocation, jobView, runRecordView } from "../views.ts";
import { requireKnownSchool, requireLiveRun } from "./schools.ts";

const runListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: "most runs returned, newest first" }),
});

export const runRoutes: Operation[] = [
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/runs",
    tag: "runs",
    summary: "Start a run of the school: full, or incremental (keeps every live seat)",
    description:
      "Answers 202 at once; poll the job at the Location. Runs of one school go one at a time, in the order asked.",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    body: startSchoolRunBody,
    idempotent: true,
    replies: { 202: { description: "the run is queued", schema: jobAccepted, location: true } },
    errors: [404, 429],
    handle: async ({ params, body, caller, context }) => {
      if (body.kind === "incremental") await requireLiveRun(context.store, params.schoolId);
      else await requireKnownSchool(context.store, params.schoolId);
      const job = await startRunsOneByOne(context.limits, async () => {
        await checkOpenRuns(context.limits, context.store, caller, params.schoolId);
        return startSchoolRunJob(context, caller, params.schoolId, body);
      });
      const location = jobLocation(job.jobId);
      return { status: 202, location, body: { job: jobView(job), location } };
    },
  }),
  operation({
    method: "post",
    path: "/v1/district/runs",
    tag: "runs",
    summary: "Start a district run: every school (or those named) on the worker pool, each published as it finishes",
    description:
      "Answers 202 at once; poll the job at the Location for its progress. One district run at a time on the whole store, whichever server is asked (409).",
    access: ["district"],
    body: startDistrictRunBody,
    idempotent: true,
    replies: { 202: { description: "the run is queued", schema: jobAccepted, location: true } },
    errors: [409, 422, 429],
    handle: async ({ body, caller, context }) => {
      const known = await listSchoolIds(context.store);
      const unknown = (body.schools ?? []).map((id, i) => ({ id, i })).filter(({ id }) => !known.includes(id));
      if (unknown.length > 0) {
        throw new ApiError(
          422,
          "unknown_school",
          "the store has no such school(s)",
          unknown.map(({ id, i }) => ({ path: `body.schools[${i}]`, message: `no school ${JSON.stringify(id)}` })),
        );
      }
      const job = await startRunsOneByOne(context.limits, async () => {
        await checkOpenRuns(context.limits, context.store, caller, undefined);
        return startDistrictRunJob(context, caller, body.schools ?? known, body);
      });
      const location = jobLocation(job.jobId);
      return { status: 202, location, body: { job: jobView(job), location } };
    },
  }),
  operation({
    method: "get",
    path: "/v1/jobs/:jobId",
    tag: "runs",
    summary: "A run started through the API: its status, progress and result",
    description:
      "Jobs are kept in the store: a job ID answers on any server of the store and after a restart. A job whose server stopped " +
      "before it finished is failed with code interrupted.",
    access: ALL_ROLES,
    params: jobParams,
    replies: { 200: { description: "the job", schema: jobSchema } },
    errors: [404],
    handle: async ({ params, caller, context }) => {
      const job = await getJob(context.jobs, params.jobId);
      // A job the caller may not see answers as one that does not exist: a 403 would tell a counselor that a district run is going.
      const visible =
        job &&
        (caller.role !== "counselor" ||
          (job.kind !== "district" && job.schoolIds.every((id) => canSeeSchool(caller, id))));
      if (!visible) throw new ApiError(404, "unknown_job", `no job ${JSON.stringify(params.jobId)}`);
      return { status: 200, body: jobView(job) };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/runs",
    tag: "runs",
    summary: "The school's runs in the store, newest first",
    access: ALL_ROLES,
    school: true,
    params: schoolParams,
    query: runListQuery,
    replies: { 200: { description: "the runs", schema: runList } },
    errors: [404],
    handle: async ({ params, query, context }) => {
      await requireKnownSchool(context.store, params.schoolId);
      const [runs, live] = await Promise.all([
        listRuns(context.store, params.schoolId, { newest: query.limit }),
        liveRunId(context.store, params.schoolId),
      ]);
      const newest = runs.reverse();
      return {
        status: 200,
        body: { schoolId: params.schoolId, runs: newest.map((r) => runRecordView(r, r.runId === live)) },
      };
    },
  }),
  operation({
    method: "get",
    path: "/v1/runs/:runId",
    tag: "runs",
    summary: "One run of the store: status, parameters, timings and report",
    access: ALL_ROLES,
    params: runParams,
    replies: { 200: { description: "the run", schema: runSchema } },
    errors: [404],
    handle: async ({ params, caller, context }) => {
      const run = await getRun(context.store, params.runId);
      // Another school's run answers as no run at all: a 403 would tell a counselor which run IDs other schools used.
      if (!run || !canSeeSchool(caller, run.schoolId)) throw new ApiError(404, "unknown_run", `no run ${params.runId}`);
      const live = await liveRunId(context.store, run.schoolId);
      return { status: 200, body: runRecordView(run, live === run.runId) };
    },
  }),
];
