/** A school's live roster and its unscheduled list: student data, for counselors and district operations only. */
import { randomBytes } from "node:crypto";
import type { SchoolRoster, SectionPlacement } from "../../domain/roster.ts";
import { readSchoolProblem, type LiveRoster } from "../../store/index.ts";
import { STUDENT_ROLES } from "../auth.ts";
import { operation, type Operation } from "../operation.ts";
import { gzipOfParts } from "../roster-gzip.ts";
import { enrollmentsJson } from "../roster-json.ts";
import { schoolParams } from "../schemas/common.ts";
import { rosterQuery, rosterView, unscheduledView } from "../schemas/rosters.ts";
import { servableLiveRoster } from "../servable-roster.ts";
import { compact } from "../views.ts";

/**
 * The roster view of a live roster, built and serialized once per roster object: a run's
 * roster never changes and the store keeps the live one cached. Its seats' JSON is put
 * together from pieces kept across rosters (roster-json.ts): a new roster after a placement
 * serializes only the placed students' pieces. Its gzip is made once too, when a client first
 * asks for it, from the same pieces each deflated once (roster-gzip.ts): after a placement only
 * the placed students' pieces are deflated again. Each view has its own entity tag: a client
 * that sends it back in If-None-Match gets 304 until the roster it would get changes.
 */
const rosterViews = new WeakMap<
  SchoolRoster,
  { body: unknown; json: () => Buffer; gzip: () => Promise<Buffer>; etag: string; stale: boolean; violations: number }
>();

/** The sections' JSON (UTF-8), per sections array (an incremental run hands the same sections on, or new ones). */
const sectionsJson = new WeakMap<readonly SectionPlacement[], Buffer>();

/**
 * The last sections' JSON per school: a placement's answer comes from the placement thread as a
 * new sections array with the same placements, and the same buffer again keeps its gzip
 * (roster-gzip.ts keeps a part's deflate bytes by its buffer).
 */
const lastSectionsJson = new Map<string, Buffer>();

const ENROLLMENTS_KEY = Buffer.from(`,"enrollments":`);
const CLOSE = Buffer.from("}");

/** Tags of this process's views: a tag from another process, or from before a restart, never matches one. */
const TAG_PREFIX = randomBytes(6).toString("base64url");
let views = 0;

/** Runs `make` once, on first call; later calls get the same value. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The sections' JSON, the same buffer as the school's last one when the text is the same. */
function sectionsTextOf(schoolId: string, sections: readonly SectionPlacement[]): Buffer {
  let text = sectionsJson.get(sections);
  if (text === undefined) {
    text = Buffer.from(JSON.stringify(sections));
    const last = lastSectionsJson.get(schoolId);
    if (last?.equals(text)) text = last;
    else lastSectionsJson.set(schoolId, text);
    sectionsJson.set(sections, text);
  }
  return text;
}

/** The body of GET roster for a live roster, its JSON and gzip (each made when first asked for), and its entity tag. */
function rosterViewOf(
  live: LiveRoster,
  violations: number,
): { body: unknown; json: () => Buffer; gzip: () => Promise<Buffer>; etag: string } {
  let view = rosterViews.get(live.roster);
  if (!view || view.stale !== live.stale || view.violations !== violations) {
    const { sections, enrollments } = live.roster;
    const head = compact({
      schoolId: live.schoolId,
      runId: live.runId,
      publishedAt: live.publishedAt.toISOString(),
      stale: live.stale,
      violations: live.stale ? violations : undefined,
    });
    // The same bytes as JSON.stringify of the body, without serializing every seat again.
    const parts = [
      Buffer.from(`${JSON.stringify(head).slice(0, -1)},"sections":`),
      sectionsTextOf(live.schoolId, sections),
      ENROLLMENTS_KEY,
      ...enrollmentsJson(enrollments),
      CLOSE,
    ];
    rosterViews.set(
      live.roster,
      (view = {
        body: { ...head, sections, enrollments },
        // Only for a client that does not take gzip: 800 KB put together per new roster cost 0.2 ms
        // of this thread's CPU (bench:roster-answer), twice what deflating its changed pieces takes.
        json: once(() => Buffer.concat(parts)),
        gzip: once(() => gzipOfParts(parts)),
        etag: `W/"${TAG_PREFIX}.${++views}"`,
        stale: live.stale,
        violations,
      }),
    );
  }
  return view;
}

export const rosterRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/roster",
    tag: "rosters",
    summary: "The school's live roster: every section's placement and every student's seats",
    access: STUDENT_ROLES,
    readsStudentData: true,
    school: true,
    params: schoolParams,
    query: rosterQuery,
    replies: {
      200: { description: "the live roster; its ETag names it", schema: rosterView },
      304: { description: "If-None-Match named the roster this request would get: it has not changed" },
    },
    errors: [404, 409],
    handle: async ({ params, query, context }) => {
      const { live, violations } = await servableLiveRoster(context, params.schoolId, "seats", query.allowInvalid);
      const view = rosterViewOf(live, violations);
      const { body, gzip, etag } = view;
      // A getter: operation.ts reads `json` only when it sends the answer uncompressed.
      return {
        status: 200,
        body,
        gzip,
        etag,
        get json() {
          return view.json();
        },
      };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/unscheduled",
    tag: "rosters",
    summary: "Every primary request the live roster leaves unmet, with a reason a counselor can act on",
    access: STUDENT_ROLES,
    readsStudentData: true,
    school: true,
    params: schoolParams,
    query: rosterQuery,
    replies: { 200: { description: "the unscheduled list", schema: unscheduledView } },
    errors: [404, 409],
    handle: async ({ params, query, context }) => {
      const { live } = await servableLiveRoster(context, params.schoolId, "unscheduled", query.allowInvalid);
      const problem = await readSchoolProblem(context.store, params.schoolId);
      const students = new Map(problem.students.map((s) => [s.studentId, s]));
      const unscheduled = live.roster.unscheduled.map((u) => {
        const student = students.get(u.studentId);
        return compact({
          studentId: u.studentId,
          givenName: student?.givenName,
          familyName: student?.familyName,
          grade: student?.grade,
          courseId: u.courseId,
          priority: u.priority,
          reason: u.reason,
        });
      });
      return { status: 200, body: { schoolId: params.schoolId, runId: live.runId, stale: live.stale, unscheduled } };
    },
  }),
];
