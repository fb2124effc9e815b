import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DistrictProgress } from "../../src/district/district-progress.ts";
import { createSolvePool, poolSolve, type SolvePool } from "../../src/district/solve-pool.ts";
import { poolExecutor } from "../../src/district/executors.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { fromStore, runSchools } from "../../src/district/run-schools.ts";
import type { ScheduleOptions, Solve } from "../../src/run/schedule-school.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { scheduleSchool } from "../../src/run/schedule-school.ts";
import {
  importProblem,
  liveRoster,
  publicationHistory,
  closeStore,
  openStore,
  listRuns,
  type Store,
} from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { canonicalRoster, DETERMINISTIC, smallSchools, unsolvable } from "../district/support/small-district.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";

let dir: string;
let pool: SolvePool;
let schools: SchoolProblem[];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mse-district-"));
  pool = createSolvePool({ threads: 2 });
  schools = smallSchools(480, 3);
});
afterAll(async () => {
  await pool.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh SQLite store holding `problemSchools`. */
async function storeWith(name: string, problemSchools: SchoolProblem[]): Promise<Store> {
  const store = await openStore(`file:${path.join(dir, `${name}.db`)}`);
  await importProblem(store, joinSchools(problemSchools));
  return store;
}

/** A school's run for district run `districtRunId`, as runSchools makes it; `published` as a yes or no. */
async function runForDistrict(
  store: Store,
  schoolId: string,
  o: { districtRunId: string; startedAt: Date; schedule: ScheduleOptions; solve: Solve; publish?: boolean },
) {
  const outcome = await runSchool(store, schoolId, {
    districtRun: { id: o.districtRunId, startedAt: o.startedAt },
    schedule: o.schedule,
    solve: o.solve,
    publish: o.publish,
  });
  return { ...outcome, published: outcome.published !== undefined };
}

describe("runSchools of the store on the pool (a district run on this machine)", () => {
  it("publishes every school exactly once with the roster an in-thread solve gives, reports a bad school and publishes the rest", async () => {
    const bad = unsolvable(schools[0]!, "ES-BROKEN");
    const store = await storeWith("district", [...schools, bad]);
    try {
      const ids = [...schools.map((s) => s.school.schoolId), "ES-BROKEN"];
      const events: DistrictProgress[] = [];
      const result = await runSchools(fromStore(store, ids), poolExecutor({ pool }), {
        schedule: DETERMINISTIC,
        attempts: 2,
        onProgress: (p) => events.push(p),
      });

      expect(result.failures).toEqual([
        { schoolId: "ES-BROKEN", reason: expect.stringMatching(/64 slots/), attempts: 2 },
      ]);
      expect(result.runs.map((o) => [o.schoolId, o.published, o.reused])).toEqual(
        schools.map((s) => [s.school.schoolId, true, false]),
      );
      for (const school of schools) {
        const live = (await liveRoster(store, school.school.schoolId))!;
        expect(canonicalRoster(live.roster)).toEqual(
          canonicalRoster((await scheduleSchool(school, DETERMINISTIC)).roster),
        );
        expect(validateRoster(joinSchools([school]), [live.roster])).toEqual([]);
        expect(await publicationHistory(store, school.school.schoolId)).toHaveLength(1);
        const [run] = await listRuns(store, school.school.schoolId);
        expect(run!.parameters).toMatchObject({ districtRun: result.districtRunId, seed: DETERMINISTIC.seed });
      }
      expect(await liveRoster(store, "ES-BROKEN")).toBeUndefined();
      expect((await listRuns(store, "ES-BROKEN")).map((r) => [r.status, r.error])).toEqual([
        ["failed", expect.stringMatching(/64 slots/)],
        ["failed", expect.stringMatching(/64 slots/)],
      ]);
      const total = [...schools, bad].reduce((n, s) => n + s.students.length, 0);
      expect(events.at(-1)).toMatchObject({
        schoolsTotal: 4,
        schoolsDone: 4,
        schoolsFailed: 1,
        studentsTotal: total,
        studentsDone: total,
      });
    } finally {
      await closeStore(store);
    }
  });
});

describe("runSchool for a district run (at most once)", () => {
  it("reuses the run an earlier attempt of the same district run saved: no second run, no second publication", async () => {
    const school = schools[1]!;
    const id = school.school.schoolId;
    const store = await storeWith("once", [school]);
    try {
      let solves = 0;
      const options = {
        districtRunId: "d-test-1",
        startedAt: new Date(),
        schedule: DETERMINISTIC,
        solve: async (problem: SchoolProblem, o: typeof DETERMINISTIC) => {
          solves++;
          return poolSolve(pool)(problem, o);
        },
      };
      const first = await runForDistrict(store, id, options);
      const again = await runForDistrict(store, id, options);
      expect(first).toMatchObject({ schoolId: id, published: true, reused: false });
      expect(again).toMatchObject({ schoolId: id, runId: first.runId, published: true, reused: true });
      expect(again.report).toEqual(first.report);
      expect(solves).toBe(1);
      expect(await listRuns(store, id)).toHaveLength(1);
      expect(await publicationHistory(store, id)).toHaveLength(1);

      const other = await runForDistrict(store, id, { ...options, districtRunId: "d-test-2" });
      expect(other).toMatchObject({ reused: false, published: true });
      expect(other.runId).not.toBe(first.runId);
      expect(solves).toBe(2);
    } finally {
      await closeStore(store);
    }
  });

  it("publishes on retry a run that an earlier attempt saved but did not get to publish, unless a newer run is live", async () => {
    const school = schools[2]!;
    const id = school.school.schoolId;
    const store = await storeWith("unpublished", [school]);
    try {
      const solve = poolSolve(pool);
      const base = { startedAt: new Date(), schedule: DETERMINISTIC, solve };
      const saved = await runForDistrict(store, id, { ...base, districtRunId: "d-a", publish: false });
      expect(saved.published).toBe(false);
      const retried = await runForDistrict(store, id, { ...base, districtRunId: "d-a" });
      expect(retried).toMatchObject({ runId: saved.runId, reused: true, published: true });
      expect((await liveRoster(store, id))!.runId).toBe(saved.runId);

      const newer = await runForDistrict(store, id, { ...base, districtRunId: "d-b" });
      const late = await runForDistrict(store, id, { ...base, districtRunId: "d-a" });
      expect(late).toMatchObject({ runId: saved.runId, reused: true, published: false });
      expect((await liveRoster(store, id))!.runId).toBe(newer.runId);
    } finally {
      await closeStore(store);
    }
  });
});
