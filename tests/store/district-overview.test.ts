/**
 * The district view's figures from the store: every school's live quality and last run, and
 * the district runs told from the school runs they made (added up by the database itself).
 */
import { afterAll, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { DISTRICT_RUN_PARAMETER } from "../../src/run/district-run-id.ts";
import { runSchool } from "../../src/run/run-school.ts";
import {
  closeStore,
  districtRunTallies,
  failRun,
  getRun,
  importProblem,
  openStore,
  schoolOverviews,
  startRun,
} from "../../src/store/index.ts";
import { forEachDatabase } from "./support/databases.ts";
import { solverRun, tinySchool } from "./support/tiny-school.ts";

const A = "Ω-A";
const B = "O'Brien B";

forEachDatabase((database) => {
  afterAll(() => database.destroy());

  it("tells each school's live quality and last run, and each district run's totals, newest first", async () => {
    const store = await openStore(await database.create());
    try {
      await importProblem(store, joinSchools([tinySchool(A), tinySchool(B)]));
      expect((await schoolOverviews(store)).map((s) => [s.schoolId, s.liveRunId, s.lastRun])).toEqual([
        [A, undefined, undefined],
        [B, undefined, undefined],
      ]);
      const night = { id: "nightly-2026-12-01T02-00", startedAt: new Date() };
      const ran = [];
      for (const id of [A, B]) ran.push(await runSchool(store, id, { ...solverRun(1), districtRun: night }));
      const api = { id: "api-2026-12-02T10-00-00-abcd1234", startedAt: new Date() };
      ran.push(await runSchool(store, A, { ...solverRun(2), districtRun: api }));
      // B's school run for the API's district run fails; a counselor's own run is no district run's.
      const failed = await startRun(store, B, { seed: 2, quality: "quick", [DISTRICT_RUN_PARAMETER]: api.id });
      await failRun(store, failed, "the solver ran out of time");
      await runSchool(store, A, solverRun(3));

      const reports = await Promise.all(ran.map(async (r) => (await getRun(store, r.runId))!.metrics!));
      const [apiRun, nightly, ...older] = await districtRunTallies(store, DISTRICT_RUN_PARAMETER);
      expect(older).toEqual([]);
      expect(apiRun).toMatchObject({
        districtRunId: api.id,
        trigger: "api",
        schools: 2,
        succeeded: 1,
        failed: 1,
        running: 0,
        students: 60,
        primaryRequests: reports[2]!.primaryRequests,
        primaryMet: reports[2]!.primaryMet,
        fullSchedules: reports[2]!.fullSchedules,
        provenOptimal: reports[2]!.provenOptimal ? 1 : 0,
        unscheduledByReason: reports[2]!.unscheduledByReason,
      });
      expect(nightly).toMatchObject({
        districtRunId: night.id,
        trigger: "nightly",
        schools: 2,
        succeeded: 2,
        failed: 0,
        students: 120,
        primaryMet: reports[0]!.primaryMet + reports[1]!.primaryMet,
        primaryRequests: reports[0]!.primaryRequests + reports[1]!.primaryRequests,
      });
      expect(nightly!.unscheduledByReason).toBeUndefined();
      expect(nightly!.finishedAt!.getTime()).toBeGreaterThanOrEqual(nightly!.startedAt.getTime());
      expect(await districtRunTallies(store, DISTRICT_RUN_PARAMETER, { limit: 1 })).toHaveLength(1);
      // Only the latest runs are read: the scan's window of 2 runs holds the failed one and A's own.
      expect((await districtRunTallies(store, DISTRICT_RUN_PARAMETER, { scan: 2 })).map((t) => t.schools)).toEqual([1]);

      const [a, b] = await schoolOverviews(store);
      expect(a).toMatchObject({ schoolId: A, lastRun: { status: "succeeded" } });
      expect(a!.liveRunId).toBe(a!.lastRun!.runId);
      expect(a!.live!.students).toBe(60);
      expect(b).toMatchObject({
        schoolId: B,
        liveRunId: ran[1]!.runId,
        lastRun: { runId: failed.runId, status: "failed" },
      });
    } finally {
      await closeStore(store);
    }
  });
});
