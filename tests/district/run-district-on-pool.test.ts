import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DistrictProgress } from "../../src/district/district-progress.ts";
import { runDistrictOnPool } from "../../src/district/run-district-on-pool.ts";
import { runSchoolOnce } from "../../src/district/run-school-once.ts";
import { createSolvePool, solveOnPool, type SolvePool } from "../../src/district/solve-pool.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { scheduleSchool } from "../../src/run/schedule-problem.ts";
import { importProblem, liveRoster, publicationHistory, closeStore, openStore, listRuns, type Store } from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { canonicalRoster, DETERMINISTIC, problemOf, smallSchools, unsolvable } from "./support/small-district.ts";

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
  await importProblem(store, problemOf(problemSchools));
  return store;
}

describe("runDistrictOnPool (the store on this machine)", () => {
  it("publishes every school exactly once with the roster an in-thread solve gives, reports a bad school and publishes the rest", async () => {
    const bad = unsolvable(schools[0]!, "ES-BROKEN");
    const store = await storeWith("district", [...schools, bad]);
    try {
      const ids = [...schools.map((s) => s.school.schoolId), "ES-BROKEN"];
      const events: DistrictProgress[] = [];
      const result = await runDistrictOnPool(store, ids, { schedule: DETERMINISTIC, pool, attempts: 2, onProgress: (p) => events.push(p) });

      expect(result.failures).toEqual([{ schoolId: "ES-BROKEN", reason: expect.stringMatching(/64 slots/), attempts: 2 }]);
      expect(result.outcomes.map((o) => [o.schoolId, o.published, o.reused])).toEqual(schools.map((s) => [s.school.schoolId, true, false]));
      for (const school of schools) {
        const live = (await liveRoster(store, school.school.schoolId))!;
        expect(canonicalRoster(live.roster)).toEqual(canonicalRoster(scheduleSchool(school, DETERMINISTIC).roster));
        expect(validateRoster(problemOf([school]), [live.roster])).toEqual([]);
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
      expect(events.at(-1)).toMatchObject({ schoolsTotal: 4, schoolsDone: 4, schoolsFailed: 1, studentsTotal: total, studentsDone: total });
    } finally {
      await closeStore(store);
    }
  });
});

describe("runSchoolOnce (a school of a district run, at most once)", () => {
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
          return (await solveOnPool(pool, problem, o)).outcome;
        },
      };
      const first = await runSchoolOnce(store, id, options);
      const again = await runSchoolOnce(store, id, options);
      expect(first).toMatchObject({ schoolId: id, published: true, reused: false });
      expect(again).toMatchObject({ schoolId: id, runId: first.runId, published: true, reused: true });
      expect(again.report).toEqual(first.report);
      expect(solves).toBe(1);
      expect(await listRuns(store, id)).toHaveLength(1);
      expect(await publicationHistory(store, id)).toHaveLength(1);

      const other = await runSchoolOnce(store, id, { ...options, districtRunId: "d-test-2" });
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
      const solve = async (problem: SchoolProblem, o: typeof DETERMINISTIC) => (await solveOnPool(pool, problem, o)).outcome;
      const base = { startedAt: new Date(), schedule: DETERMINISTIC, solve };
      const saved = await runSchoolOnce(store, id, { ...base, districtRunId: "d-a", publish: false });
      expect(saved.published).toBe(false);
      const retried = await runSchoolOnce(store, id, { ...base, districtRunId: "d-a" });
      expect(retried).toMatchObject({ runId: saved.runId, reused: true, published: true });
      expect((await liveRoster(store, id))!.runId).toBe(saved.runId);

      const newer = await runSchoolOnce(store, id, { ...base, districtRunId: "d-b" });
      const late = await runSchoolOnce(store, id, { ...base, districtRunId: "d-a" });
      expect(late).toMatchObject({ runId: saved.runId, reused: true, published: false });
      expect((await liveRoster(store, id))!.runId).toBe(newer.runId);
    } finally {
      await closeStore(store);
    }
  });
});
