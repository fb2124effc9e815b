/** The district view: every school's quality and last run, and the district runs (nightly, API, CLI) with their totals. */
import {
  districtRunTallies,
  DISTRICT_RUN_LOCK,
  readStoreLock,
  schoolOverviews,
  staleSchools,
} from "../../store/index.ts";
import { DISTRICT_RUN_PARAMETER } from "../../run/district-run-id.ts";
import { operation, type Operation } from "../operation.ts";
import { districtRunHistory, districtRunsQuery, districtSchools } from "../schemas/district.ts";

export const districtRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/district/schools",
    tag: "runs",
    summary: "Every school with the quality of its live roster and its last run",
    access: ["district"],
    replies: { 200: { description: "the schools, in the store's order", schema: districtSchools } },
    handle: async ({ context }) => {
      const [overviews, stale] = await Promise.all([
        schoolOverviews(context.store),
        staleSchools(context.store).then((ids) => new Set(ids)),
      ]);
      const schools = overviews.map((s) => ({
        schoolId: s.schoolId,
        name: s.name,
        liveRunId: s.liveRunId,
        stale: stale.has(s.schoolId),
        quality: s.live && {
          students: s.live.students,
          primaryRequests: s.live.primaryRequests,
          primaryMet: s.live.primaryMet,
          fullSchedules: s.live.fullSchedules,
          gapToBound: s.live.gapToBound,
          provenOptimal: s.live.provenOptimal,
          sectionFill: s.live.sectionFill,
          unscheduledByReason: s.live.unscheduledByReason,
        },
        lastRun: s.lastRun && {
          ...s.lastRun,
          startedAt: s.lastRun.startedAt.toISOString(),
          finishedAt: s.lastRun.finishedAt?.toISOString(),
        },
      }));
      return { status: 200, body: { schools } };
    },
  }),
  operation({
    method: "get",
    path: "/v1/district/runs",
    tag: "runs",
    summary: "The district runs, newest first: nightly, API and CLI, with their totals; and the one going on now",
    access: ["district"],
    query: districtRunsQuery,
    replies: { 200: { description: "the district runs", schema: districtRunHistory } },
    handle: async ({ query, context }) => {
      const [tallies, lock] = await Promise.all([
        districtRunTallies(context.store, DISTRICT_RUN_PARAMETER, { limit: query.limit }),
        readStoreLock(context.store, DISTRICT_RUN_LOCK),
      ]);
      const runs = tallies.map((t) => ({
        ...t,
        startedAt: t.startedAt.toISOString(),
        finishedAt: t.finishedAt?.toISOString(),
      }));
      const current = lock && lock.expiresAt > new Date() ? lock.owner : undefined;
      return { status: 200, body: { current, runs } };
    },
  }),
];
