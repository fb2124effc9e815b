/** Schools: which the caller sees, importing a school's problem, and figures without student data. */
import { conflictMatrix } from "../../../solver/master-schedule/conflict-matrix.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import {
  getRun,
  importProblem,
  listSchoolIds,
  liveRoster,
  liveRunId,
  readSchoolProblem,
  staleSchools,
  type Store,
} from "../../store/index.ts";
import { ALL_ROLES, canSeeSchool, STUDENT_ROLES } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { operation, type Operation } from "../operation.ts";
import { runExclusive } from "../../enroll/school-lanes.ts";
import { schoolParams } from "../schemas/common.ts";
import { importResponse, problemUploadBody, schoolList } from "../schemas/problems.ts";
import { conflictMatrixView, reportView } from "../schemas/reports.ts";

/** Each section's seats taken over its capacity, once per roster object (the store caches the live one). */
const fillsOf = new WeakMap<SchoolRoster, number[]>();

/** The live roster's section fills (sections of capacity 0 left out), in the problem's section order. */
async function sectionFills(store: Store, schoolId: string): Promise<number[] | undefined> {
  const live = await liveRoster(store, schoolId);
  if (!live) return undefined;
  let fills = fillsOf.get(live.roster);
  if (!fills) {
    const problem = await readSchoolProblem(store, schoolId);
    const taken = new Map<string, number>();
    for (const e of live.roster.enrollments) taken.set(e.sectionId, (taken.get(e.sectionId) ?? 0) + 1);
    fills = problem.sections.filter((s) => s.capacity > 0).map((s) => (taken.get(s.sectionId) ?? 0) / s.capacity);
    fillsOf.set(live.roster, fills);
  }
  return fills;
}

/** 404 unless the store has the school. */
export async function requireKnownSchool(store: Store, schoolId: string): Promise<void> {
  if (!(await listSchoolIds(store)).includes(schoolId))
    throw new ApiError(404, "unknown_school", `no school ${JSON.stringify(schoolId)} in the store`);
}

/** 404 unless the school has a live roster; returns its run. */
export async function requireLiveRun(store: Store, schoolId: string): Promise<number> {
  await requireKnownSchool(store, schoolId);
  const runId = await liveRunId(store, schoolId);
  if (runId === undefined)
    throw new ApiError(
      404,
      "no_live_roster",
      `school ${JSON.stringify(schoolId)} has no live roster yet: run it first`,
    );
  return runId;
}

export const schoolRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/schools",
    tag: "schools",
    summary: "The schools this token may see, with their live run",
    access: ALL_ROLES,
    replies: { 200: { description: "the schools", schema: schoolList } },
    handle: async ({ caller, context }) => {
      const ids = (await listSchoolIds(context.store)).filter((id) => canSeeSchool(caller, id));
      const stale = new Set(await staleSchools(context.store));
      const schools = await Promise.all(
        ids.map(async (schoolId) => {
          const runId = await liveRunId(context.store, schoolId);
          return runId === undefined ? { schoolId } : { schoolId, liveRunId: runId, stale: stale.has(schoolId) };
        }),
      );
      return { status: 200, body: { schools } };
    },
  }),
  operation({
    method: "put",
    path: "/v1/schools/:schoolId/problem",
    tag: "schools",
    summary: "Import (create or replace) a school's problem from its interchange files",
    description:
      "All or nothing: every error of the files is listed (file, line, column) and nothing is written. The school's runs and live roster stay; " +
      "runs started before the import can no longer be published. schools.csv must hold exactly the school of the path.",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    body: problemUploadBody,
    upload: true,
    idempotent: true,
    replies: {
      200: { description: "the school's problem was replaced", schema: importResponse },
      201: { description: "the school was created", schema: importResponse },
    },
    errors: [422],
    handle: async ({ params, upload, context }) => {
      const { schoolId } = params;
      const { problem, warnings } = upload!;
      const summary = await runExclusive(context.lanes, schoolId, async () => {
        const created = !(await listSchoolIds(context.store)).includes(schoolId);
        return { created, ...(await importProblem(context.store, problem)) };
      });
      return {
        status: summary.created ? 201 : 200,
        body: {
          schoolId,
          problemVersion: summary.versions[schoolId]!,
          created: summary.created,
          rows: summary.rows,
          warnings,
        },
      };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/conflict-matrix",
    tag: "schools",
    summary: "The school's conflict matrix: students requesting each course, and each pair of courses together",
    access: ALL_ROLES,
    school: true,
    params: schoolParams,
    replies: { 200: { description: "the matrix (counts only)", schema: conflictMatrixView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const problem = await readSchoolProblem(context.store, params.schoolId);
      const matrix = conflictMatrix(problem);
      const sections = new Map<string, number>();
      for (const s of problem.sections) sections.set(s.courseId, (sections.get(s.courseId) ?? 0) + 1);
      const courses = matrix.courses.map((c) => ({ ...c, sections: sections.get(c.courseId) ?? 0 }));
      return { status: 200, body: { ...matrix, courses } };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/report",
    tag: "schools",
    summary: "The report of the school's live run: requests met by priority, full schedules, section fill, bounds",
    access: ALL_ROLES,
    school: true,
    params: schoolParams,
    replies: { 200: { description: "the report (counts only)", schema: reportView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const runId = await requireLiveRun(context.store, params.schoolId);
      const run = await getRun(context.store, runId);
      if (!run?.metrics) throw new ApiError(404, "no_report", `the live run ${runId} has no report`);
      const stale = (await staleSchools(context.store, params.schoolId)).length > 0;
      return {
        status: 200,
        body: {
          schoolId: params.schoolId,
          runId,
          finishedAt: (run.finishedAt ?? run.startedAt).toISOString(),
          stale,
          report: run.metrics,
          sectionFills: await sectionFills(context.store, params.schoolId),
        },
      };
    },
  }),
];
