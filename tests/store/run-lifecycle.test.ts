import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import {
  closeStore,
  openStore,
  importProblem,
  diffRuns,
  liveRoster,
  liveRunId,
  publicationHistory,
  publishRun,
  readRunRoster,
  getRun,
  listRuns,
  startRun,
  PublishRefusedError,
  RunInProgressError,
  type Store,
} from "../../src/store/index.ts";
import { runSchool, type RunSchoolOptions } from "../../src/run/run-school.ts";
import { withReport } from "../../src/run/schedule-school.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, simpleRoster, sortedEnrollments, trickySchool } from "./support/sample-problem.ts";
import { countRows } from "./support/count-rows.ts";

const options = (seed: number, extra: Partial<RunSchoolOptions> = {}): RunSchoolOptions => ({
  schedule: { seed, quality: "quick", loader: "first-fit" },
  solve: async (problem: SchoolProblem, o) =>
    withReport(problem, {
      roster: simpleRoster(problem, o.seed),
      bounds: { capacity: 9, time: 9, best: 9 },
      timings: { solve: 1 },
    }),
  ...extra,
});

forEachDatabase((database) => {
  // One store per database; each spec gets a school of its own, so specs cannot see each other's runs.
  let store: Store;
  let school: SchoolProblem;
  let id: string;
  let specs = 0;
  beforeAll(async () => {
    store = await openStore(await database.create());
  });
  beforeEach(async () => {
    school = trickySchool(`MS-O'Hara #${++specs}`);
    id = school.school.schoolId;
    await importProblem(store, districtOf(school));
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  it("publishes a run and reads back exactly the roster the solver returned, with its metrics and bounds", async () => {
    const outcome = await runSchool(store, id, options(1));
    const expected = simpleRoster(school, 1);
    const live = await liveRoster(store, id);
    expect(live?.runId).toBe(outcome.runId);
    expect(live?.roster.sections).toEqual(expected.sections);
    expect(live?.roster.unscheduled).toEqual(expected.unscheduled);
    expect(sortedEnrollments(live!.roster)).toEqual(sortedEnrollments(expected));
    const run = await getRun(store, outcome.runId);
    expect(run).toMatchObject({
      status: "succeeded",
      seed: 1,
      problemVersion: 1,
      bounds: { best: 9 },
      parameters: { seed: 1, quality: "quick" },
    });
    expect(run?.metrics?.enrollments).toBe(expected.enrollments.length);
    expect(run?.timings?.save).toBeGreaterThanOrEqual(0);
  });

  it("keeps the previous roster live and untouched when a run fails, and the retried run publishes", async () => {
    const first = await runSchool(store, id, options(1));
    const before = await liveRoster(store, id);
    await expect(
      runSchool(
        store,
        id,
        options(2, {
          solve: () => {
            throw new Error("solver crashed");
          },
        }),
      ),
    ).rejects.toThrow("solver crashed");
    expect(await liveRoster(store, id)).toEqual(before);
    const runs = await listRuns(store, id);
    expect(runs.map((r) => [r.status, r.error])).toEqual([
      ["succeeded", undefined],
      ["failed", "solver crashed"],
    ]);
    const retry = await runSchool(store, id, options(2, { retryOf: runs[1]!.runId }));
    expect(await liveRunId(store, id)).toBe(retry.runId);
    expect(retry.published).toEqual({ schoolId: id, runId: retry.runId, previousRunId: first.runId, changed: true });
    expect((await getRun(store, retry.runId))?.retryOf).toBe(runs[1]!.runId);
  });

  it("never saves or publishes a roster that breaks a hard constraint: the run fails with the violations, the live roster stays", async () => {
    await runSchool(store, id, options(1));
    const before = await liveRoster(store, id);
    const twoInOne = (problem: SchoolProblem, seed: number) => {
      const roster = simpleRoster(problem, seed);
      // Every section of the first course holds the first student: constraint 9 (one section per course) broken.
      const course = problem.sections[0]!.courseId;
      const extra = problem.sections
        .filter((s) => s.courseId === course)
        .map((s) => ({ studentId: problem.students[0]!.studentId, sectionId: s.sectionId }));
      return {
        ...roster,
        enrollments: [
          ...roster.enrollments.filter((e) => e.studentId !== problem.students[0]!.studentId),
          ...extra,
          ...extra,
        ],
      };
    };
    const refused = runSchool(
      store,
      id,
      options(2, {
        solve: async (problem, o) =>
          withReport(problem, {
            roster: twoInOne(problem, o.seed),
            bounds: { capacity: 9, time: 9, best: 9 },
            timings: { solve: 1 },
          }),
      }),
    );
    await expect(refused).rejects.toThrow(/breaks \d+ hard constraint\(s\) and was refused:\n.*duplicate-enrollment/);
    expect(await liveRoster(store, id)).toEqual(before);
    const [last] = await listRuns(store, id, { newest: 1 });
    expect(last?.status).toBe("failed");
    expect(await countRows(store, "assignment", "run_id = $1", last!.runId)).toBe(0);
  });

  it("keeps the history of what was live: which run replaced which, and rolls back to an older run on request", async () => {
    const r1 = await runSchool(store, id, options(1));
    const r2 = await runSchool(store, id, options(2));
    await publishRun(store, r1.runId);
    const history = await publicationHistory(store, id);
    expect(history.map((h) => [h.runId, h.previousRunId])).toEqual([
      [r1.runId, undefined],
      [r2.runId, r1.runId],
      [r1.runId, r2.runId],
    ]);
    expect(await liveRunId(store, id)).toBe(r1.runId);
  });

  it("changes nothing when the live run is published again (a retried publish)", async () => {
    const r1 = await runSchool(store, id, options(1));
    expect(await publishRun(store, r1.runId)).toMatchObject({ changed: false });
    expect(await publicationHistory(store, id)).toHaveLength(1);
  });

  it("diffs two runs: enrollments added and removed, sections moved", async () => {
    const r1 = await runSchool(store, id, options(1));
    const r2 = await runSchool(store, id, options(2));
    const a = await readRunRoster(store, r1.runId);
    const b = await readRunRoster(store, r2.runId);
    const key = (e: { studentId: string; sectionId: string }) => `${e.studentId}|${e.sectionId}`;
    const diff = await diffRuns(store, r1.runId, r2.runId);
    expect(diff.added.map(key).sort()).toEqual(
      b.enrollments
        .map(key)
        .filter((k) => !a.enrollments.map(key).includes(k))
        .sort(),
    );
    expect(diff.removed.map(key).sort()).toEqual(
      a.enrollments
        .map(key)
        .filter((k) => !b.enrollments.map(key).includes(k))
        .sort(),
    );
    expect(diff.added.length).toBeGreaterThan(0);
    expect(diff.movedSections.map((s) => s.sectionId)).toEqual(["ART-1"]);
  });

  it("refuses to publish a run made before the school was re-imported, naming the versions", async () => {
    const r1 = await runSchool(store, id, options(1, { publish: false }));
    await importProblem(store, districtOf(school));
    await expect(publishRun(store, r1.runId)).rejects.toThrow(PublishRefusedError);
    await expect(publishRun(store, r1.runId)).rejects.toThrow(/re-imported since the run started \(version 1 → 2\)/);
    expect(await liveRunId(store, id)).toBeUndefined();
  });

  it("refuses a second run of a school while one is active, saying which run holds it and until when", async () => {
    const active = await startRun(store, id, { seed: 1 });
    const second = runSchool(store, id, options(2));
    await expect(second).rejects.toThrow(RunInProgressError);
    await expect(runSchool(store, id, options(2))).rejects.toThrow(
      new RegExp(`already has run ${active.runId} in progress`),
    );
    expect(await countRows(store, "run", "school_id = $1", id)).toBe(1);
  });

  it("takes over a lease that expired, marking the dead run abandoned", async () => {
    const dead = await startRun(store, id, { seed: 1 }, { leaseMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const next = await runSchool(store, id, options(1));
    expect(await getRun(store, dead.runId)).toMatchObject({ status: "abandoned", error: "lease expired" });
    expect(await liveRunId(store, id)).toBe(next.runId);
  });

  it("takes over at once a lease whose holder process on this host is gone", async () => {
    const dead = await startRun(store, id, { seed: 1 });
    await store.db.execute(`UPDATE run_lease SET holder = $1 WHERE school_id = $2`, [
      `${(await import("node:os")).hostname()}:2147483646:gone`,
      id,
    ]);
    const next = await runSchool(store, id, options(1));
    expect((await getRun(store, dead.runId))?.status).toBe("abandoned");
    expect(await liveRunId(store, id)).toBe(next.runId);
  });

  it("waits for the active run when asked to, then runs", async () => {
    const active = await startRun(store, id, { seed: 1 }, { leaseMs: 300 });
    const waited = await runSchool(store, id, options(2, { waitMs: 10_000 }));
    expect(waited.runId).toBeGreaterThan(active.runId);
    expect(await liveRunId(store, id)).toBe(waited.runId);
  });
});
