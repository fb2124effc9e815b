/** A school's live roster and its unscheduled list: student data, for counselors and district operations only. */
import type { SchoolRoster } from "../../domain/roster.ts";
import { liveRoster, loadSchoolProblem, type LiveRoster } from "../../store/index.ts";
import { STUDENT_ROLES } from "../auth.ts";
import type { ApiContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { operation, type Operation } from "../operation.ts";
import { schoolParams } from "../schemas/common.ts";
import { rosterView, unscheduledView } from "../schemas/rosters.ts";
import { compact } from "../views.ts";
import { requireKnownSchool } from "./schools.ts";

/**
 * The roster view of a live roster, built and serialized once per roster object: a run's
 * roster never changes and the store keeps the live one cached, while serializing a
 * 2,000-student school's took about 10 ms of the server's one thread per request.
 */
const rosterViews = new WeakMap<SchoolRoster, { body: unknown; json: string }>();

/** The body of GET roster for a live roster, and its JSON. */
function rosterViewOf(live: LiveRoster): { body: unknown; json: string } {
  let view = rosterViews.get(live.roster);
  if (!view) {
    const body = {
      schoolId: live.schoolId,
      runId: live.runId,
      publishedAt: live.publishedAt.toISOString(),
      sections: live.roster.sections.map((s) => compact({ ...s })),
      enrollments: live.roster.enrollments.map((e) => ({ studentId: e.studentId, sectionId: e.sectionId })),
    };
    rosterViews.set(live.roster, (view = { body, json: JSON.stringify(body) }));
  }
  return view;
}

/** The school's live roster, or 404 (unknown school, or nothing published yet). */
async function liveOrNotFound(context: ApiContext, schoolId: string) {
  const live = await liveRoster(context.store, schoolId);
  if (live) return live;
  await requireKnownSchool(context.store, schoolId);
  throw new ApiError(404, "no_live_roster", `school ${JSON.stringify(schoolId)} has no live roster yet: run it first`);
}

export const rosterRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/roster",
    tag: "rosters",
    summary: "The school's live roster: every section's placement and every student's seats",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    replies: { 200: { description: "the live roster", schema: rosterView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const { body, json } = rosterViewOf(await liveOrNotFound(context, params.schoolId));
      return { status: 200, body, json };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/unscheduled",
    tag: "rosters",
    summary: "Every primary request the live roster leaves unmet, with a reason a counselor can act on",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    replies: { 200: { description: "the unscheduled list", schema: unscheduledView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const live = await liveOrNotFound(context, params.schoolId);
      const problem = await loadSchoolProblem(context.store, params.schoolId);
      const students = new Map(problem.students.map((s) => [s.studentId, s]));
      const unscheduled = live.roster.unscheduled.map((u) => {
        const student = students.get(u.studentId);
        return compact({ studentId: u.studentId, givenName: student?.givenName, familyName: student?.familyName, courseId: u.courseId, priority: u.priority, reason: u.reason });
      });
      return { status: 200, body: { schoolId: params.schoolId, runId: live.runId, unscheduled } };
    },
  }),
];
