/**
 * Master-schedule scenarios: make one from the live master schedule, edit it (each edit
 * checked, then the school loaded on the worker pool: the what-if comes back with the edit),
 * undo, see where a section could go, compare, rebuild, promote, drop. Counselors see only
 * their schools' scenarios; QA none (a what-if names students). Every change names the
 * scenario version it was made on: one made on an older version gets 409 scenario_changed.
 */
import type { ScenarioSection } from "../../domain/scenario.ts";
import { compareScenario } from "../../scenario/compare-scenarios.ts";
import { editScenario, scenarioOf, undoScenario } from "../../scenario/edit-scenario.ts";
import { openScenario } from "../../scenario/open-scenario.ts";
import { periodCosts } from "../../scenario/period-costs.ts";
import { previewEdit } from "../../scenario/preview-edit.ts";
import { checkPromotable } from "../../scenario/promote-scenario.ts";
import { rebuildScenario } from "../../scenario/rebuild-scenario.ts";
import { scenarioWhatIf } from "../../scenario/scenario-what-if.ts";
import { suggestPeriods } from "../../scenario/suggestions.ts";
import { loadOnPool, type LoadSchool } from "../../scenario/loaders.ts";
import {
  dropScenario,
  listScenarios,
  readSchoolProblem,
  scenarioHistory,
  type ScenarioRecord,
  type ScenarioSummary,
} from "../../store/index.ts";
import { STUDENT_ROLES } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { solvePool, type ApiContext } from "../context.ts";
import { operation, type Operation } from "../operation.ts";
import { startPromoteJob } from "../run-jobs.ts";
import { schoolParams } from "../schemas/common.ts";
import { jobAccepted } from "../schemas/runs.ts";
import {
  comparisonView,
  createScenarioBody,
  diffQuery,
  droppedReply,
  editReply,
  editScenarioBody,
  periodCostsView,
  previewReply,
  promoteScenarioBody,
  scenarioList,
  scenarioParams,
  scenarioSectionParams,
  scenarioSummary,
  scenarioView,
  suggestionsView,
  versionBody,
  whatIfQuery,
  whatIfView,
} from "../schemas/scenarios.ts";
import { compact, jobLocation, jobView } from "../views.ts";
import { requireKnownSchool } from "./schools.ts";

/** 404 unless the scenario has the section. */
function requireSection(scenario: ScenarioRecord, sectionId: string): void {
  if (!scenario.sections.some((s) => s.sectionId === sectionId)) {
    throw new ApiError(
      404,
      "unknown_section",
      `scenario ${scenario.scenarioId} has no section ${JSON.stringify(sectionId)}`,
    );
  }
}

/** Loads for what-ifs: on the app's worker pool, off the HTTP thread. */
const poolLoad = (context: ApiContext): LoadSchool => loadOnPool(() => solvePool(context));

const scenarioPath = (schoolId: string, scenarioId: number) =>
  `/v1/schools/${encodeURIComponent(schoolId)}/scenarios/${scenarioId}`;

function summaryView(s: ScenarioSummary) {
  return compact({
    scenarioId: s.scenarioId,
    schoolId: s.schoolId,
    name: s.name,
    author: s.author,
    seed: s.seed,
    version: s.version,
    status: s.status,
    baseRunId: s.baseRunId,
    baseProblemVersion: s.baseProblemVersion,
    promotedRunId: s.promotedRunId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  });
}

/** A section as the API shows it (its school is the path's). */
function sectionView(s: ScenarioSection) {
  const { schoolId: _, ...rest } = s;
  return compact(rest);
}

/** The sections of `after` that differ from `before`, and the IDs `after` no longer has. */
function changedSections(before: readonly ScenarioSection[], after: readonly ScenarioSection[]) {
  const old = new Map(before.map((s) => [s.sectionId, JSON.stringify(s)]));
  const now = new Set(after.map((s) => s.sectionId));
  return {
    changed: after.filter((s) => old.get(s.sectionId) !== JSON.stringify(s)).map(sectionView),
    removed: before.filter((s) => !now.has(s.sectionId)).map((s) => s.sectionId),
  };
}

/** The reply to a change: the new version, the sections it touched and the what-if (`full` or the stable one only). */
async function changeReply(
  context: ApiContext,
  before: ScenarioRecord,
  after: ScenarioRecord,
  which: "full" | "stable",
  extra: Record<string, unknown> = {},
) {
  const { changed, removed } = changedSections(before.sections, after.sections);
  const whatIf = await scenarioWhatIf(context.store, after, poolLoad(context), { full: which === "full" });
  return {
    status: 200,
    body: {
      scenarioId: after.scenarioId,
      version: after.version,
      changed,
      ...(removed.length > 0 ? { removed } : {}),
      ...extra,
      whatIf,
    },
  };
}

export const scenarioRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios",
    tag: "scenarios",
    summary: "The school's master-schedule scenarios",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    replies: { 200: { description: "the scenarios, oldest first", schema: scenarioList } },
    errors: [404],
    handle: async ({ params, context }) => {
      await requireKnownSchool(context.store, params.schoolId);
      return {
        status: 200,
        body: {
          schoolId: params.schoolId,
          scenarios: (await listScenarios(context.store, params.schoolId)).map(summaryView),
        },
      };
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios",
    tag: "scenarios",
    summary: "Make a scenario: a working copy of the school's live master schedule",
    access: STUDENT_ROLES,
    school: true,
    params: schoolParams,
    body: createScenarioBody,
    idempotent: true,
    replies: { 201: { description: "the scenario, at version 0", schema: scenarioSummary, location: true } },
    errors: [404, 409],
    handle: async ({ params, body, caller, context }) => {
      await requireKnownSchool(context.store, params.schoolId);
      const scenario = await openScenario(context.store, params.schoolId, {
        name: body.name,
        author: caller.name,
        seed: body.seed,
      });
      return { status: 201, location: scenarioPath(params.schoolId, scenario.scenarioId), body: summaryView(scenario) };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId",
    tag: "scenarios",
    summary: "A scenario: its master schedule (the board) and its history of edits",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    replies: { 200: { description: "the scenario", schema: scenarioView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const history = await scenarioHistory(context.store, scenario.scenarioId);
      return {
        status: 200,
        body: {
          ...summaryView(scenario),
          sections: scenario.sections.map(sectionView),
          history: history.map((h) =>
            compact({
              version: h.version,
              author: h.author,
              kind: h.kind,
              edit: h.edit,
              undoneBy: h.undoneBy,
              createdAt: h.createdAt.toISOString(),
            }),
          ),
        },
      };
    },
  }),
  operation({
    method: "delete",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId",
    tag: "scenarios",
    summary: "Drop a scenario and its history",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    replies: { 200: { description: "dropped", schema: droppedReply } },
    errors: [404],
    handle: async ({ params, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      await dropScenario(context.store, scenario.scenarioId);
      return { status: 200, body: { scenarioId: scenario.scenarioId, dropped: true } };
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/edits",
    tag: "scenarios",
    summary: "Edit the scenario (move, swap, lock, capacity, add, close); answers with the what-if",
    description:
      "The edit is checked against every hard constraint of the master schedule and refused (422 edit_refused, each conflict an issue) if it breaks one; " +
      "nothing changes then. Made on an older version than the scenario's: 409 scenario_changed (read it again and redo the edit). " +
      "Allowed: saved as the next version, then the school is loaded on the worker pool and the what-if returned.",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    query: whatIfQuery,
    body: editScenarioBody,
    idempotent: true,
    replies: { 200: { description: "the edit is saved; the what-if of the scenario as it is now", schema: editReply } },
    errors: [404, 409, 422],
    handle: async ({ params, query, body, caller, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const edited = await editScenario(context.store, scenario, body.version, caller.name, body.edit);
      return changeReply(context, scenario, edited, query.whatIf);
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/undo",
    tag: "scenarios",
    summary: "Take back the scenario's latest edit not yet taken back; answers with the what-if",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    query: whatIfQuery,
    body: versionBody,
    idempotent: true,
    replies: { 200: { description: "undone, as the next version", schema: editReply } },
    errors: [404, 409],
    handle: async ({ params, query, body, caller, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const { scenario: after, undid } = await undoScenario(context.store, scenario, body.version, caller.name);
      return changeReply(context, scenario, after, query.whatIf, { undid });
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/rebuild",
    tag: "scenarios",
    summary: "Rebuild: the master-schedule builder places every section not locked again; answers with the what-if",
    description:
      "Locked sections stay; teachers stay; the others get a period and room from the builder (on the worker pool). One edit: one undo takes it back.",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    query: whatIfQuery,
    body: versionBody,
    idempotent: true,
    replies: { 200: { description: "rebuilt, as the next version", schema: editReply } },
    errors: [404, 409, 422],
    handle: async ({ params, query, body, caller, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const outcome = await rebuildScenario(context.store, scenario, body.version, caller.name, poolLoad(context));
      return changeReply(context, scenario, outcome.scenario, query.whatIf, {
        moved: outcome.moved,
        unplaced: outcome.unplaced,
      });
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/what-if",
    tag: "scenarios",
    summary: "The what-if: the school loaded on the scenario's master schedule, against its starting point",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    query: whatIfQuery,
    replies: { 200: { description: "the what-if", schema: whatIfView } },
    errors: [404],
    handle: async ({ params, query, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      return {
        status: 200,
        body: await scenarioWhatIf(context.store, scenario, poolLoad(context), { full: query.whatIf === "full" }),
      };
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/preview",
    tag: "scenarios",
    summary: "Preview an edit: its stable what-if against the scenario as it is, nothing saved",
    description:
      "The edit is checked as POST .../edits checks it (422 edit_refused, 409 scenario_changed when `version` is not the scenario's) and applied in memory only; " +
      "the reply is the stable what-if of the scenario with it against the scenario as it is (the students it would move, the requests it would gain or lose). " +
      "Commit it with POST .../edits on the same version.",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    body: editScenarioBody,
    replies: { 200: { description: "the edit's what-if; nothing saved", schema: previewReply } },
    errors: [404, 409, 422],
    handle: async ({ params, body, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const preview = await previewEdit(context.store, scenario, body.version, body.edit, poolLoad(context));
      return { status: 200, body: { ...preview, changed: preview.changed.map(sectionView) } };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/sections/:sectionId/periods",
    tag: "scenarios",
    summary:
      "For a dragged section: each period, allowed or not (and why), and its conflict-matrix cost; no load, milliseconds",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioSectionParams,
    replies: { 200: { description: "every period of the school", schema: periodCostsView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      requireSection(scenario, params.sectionId);
      const problem = await readSchoolProblem(context.store, scenario.schoolId);
      return {
        status: 200,
        body: {
          sectionId: params.sectionId,
          version: scenario.version,
          periods: periodCosts(problem, scenario.sections, params.sectionId),
        },
      };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/sections/:sectionId/suggestions",
    tag: "scenarios",
    summary: "Each period the section may move to, with the what-if of the move, best first",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioSectionParams,
    replies: { 200: { description: "the suggestions", schema: suggestionsView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      requireSection(scenario, params.sectionId);
      return { status: 200, body: await suggestPeriods(context.store, scenario, params.sectionId, poolLoad(context)) };
    },
  }),
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/diff",
    tag: "scenarios",
    summary: "Compare the scenario with the live roster or another scenario of the school, side by side",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    query: diffQuery,
    replies: { 200: { description: "a is this scenario, b the other side", schema: comparisonView } },
    errors: [404],
    handle: async ({ params, query, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      const against =
        query.against === "live" ? "live" : await scenarioOf(context.store, params.schoolId, Number(query.against));
      return { status: 200, body: await compareScenario(context.store, scenario, against, poolLoad(context)) };
    },
  }),
  operation({
    method: "post",
    path: "/v1/schools/:schoolId/scenarios/:scenarioId/promote",
    tag: "scenarios",
    summary:
      "Promote: the scenario becomes the school's master schedule (a new problem version), run at full quality and published, as a job",
    description:
      "Refused (409 live_schedule_changed) if the school's live master schedule changed since the scenario was made, and (409 scenario_changed) if the " +
      "scenario is not at `version`. Answers 202 at once; poll the job: it fails with the same codes should either happen meanwhile.",
    access: STUDENT_ROLES,
    school: true,
    params: scenarioParams,
    body: promoteScenarioBody,
    idempotent: true,
    replies: { 202: { description: "the promotion is queued", schema: jobAccepted, location: true } },
    errors: [404, 409],
    handle: async ({ params, body, caller, context }) => {
      const scenario = await scenarioOf(context.store, params.schoolId, params.scenarioId);
      await checkPromotable(context.store, scenario.scenarioId, body.version);
      const job = await startPromoteJob(context, caller, scenario, body);
      const location = jobLocation(job.jobId);
      return { status: 202, location, body: { job: jobView(job), location } };
    },
  }),
];
