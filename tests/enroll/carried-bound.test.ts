import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { CourseRequest, SchoolProblem, Student } from "../../src/domain/problem.ts";
import { primaryCount } from "../../src/domain/requests-by-student.ts";
import { withStudents, withoutStudent } from "../../src/domain/student-change.ts";
import { dropStudent } from "../../src/enroll/drop-student.ts";
import { enrollStudents } from "../../src/enroll/enroll-student.ts";
import { WHOLE_DRIFT_SHARE } from "../../src/enroll/carried-bound.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import { keptPlacements } from "../../src/enroll/kept-placements.ts";
import { runIncremental } from "../../src/enroll/run-incremental.ts";
import { computeSchoolMetrics } from "../../src/report/school-metrics.ts";
import { getRun, liveRoster, readSchoolProblem, type Store } from "../../src/store/index.ts";
import { buildLoadModel } from "../../solver/bounds/load-model.ts";
import { wholeSchoolBound } from "../../solver/bounds/school-bounds.ts";
import { solveModel, startLpEngine } from "../../solver/bounds/lp-engines.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { storeWithLiveSchool } from "../store/support/live-school-store.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "../solver/as-problem.ts";
import { randomSchool } from "../solver/random-school.ts";

const options = { seed: 1, quality: "quick" as const };

/** `n` late students, each with the grade, IEP and requests of an enrolled one: they want what the school is full of. */
function lateStudents(
  school: SchoolProblem,
  n: number,
  prefix: string,
): { student: Student; requests: CourseRequest[] }[] {
  return Array.from({ length: n }, (_, k) => {
    const model = school.students[(k * 7) % school.students.length]!;
    const studentId = `${prefix}-${k}`;
    const requests = school.requests
      .filter((r) => r.studentId === model.studentId)
      .map((r) => ({ ...r, studentId, lockedSectionId: undefined }));
    return { student: { ...model, studentId }, requests };
  });
}

const primaries = (late: { requests: CourseRequest[] }[]) => late.reduce((n, l) => n + primaryCount(l.requests), 0);

/** The most primary requests any valid roster of the school meets: the MIP of that count, every constraint kept. */
function optimum(school: SchoolProblem): number {
  const model = buildLoadModel(compileInstance(school), { objective: "count", avoidRows: true });
  return Math.round(solveModel(model, "highs", { integer: true }).objective);
}

describe("a late-change run's bound", () => {
  it("builds on the live run's whole-school bound: at most it plus the late students' primary requests, never below any valid roster", async () => {
    await startLpEngine("highs");
    for (const seed of [11, 12, 13]) {
      const school = randomSchool(seed, { students: 60, periods: 4 });
      const live = await solveSchool(school, options);
      expect(validateRoster(asProblem(school), [live.roster])).toEqual([]);
      expect(live.bounds.whole).toBe(live.bounds.best);

      // Twelve late students: past WHOLE_DRIFT_SHARE, the whole school's bound is computed again, and the smaller kept.
      const late = lateStudents(school, 12, "LATE");
      const later = withStudents(school, late);
      const changedStudents = late.map((l) => l.student.studentId);
      const carried = await incrementalSchedule(later, live.roster, {
        ...options,
        changedStudents,
        liveBounds: live.bounds,
      });
      expect(validateRoster(asProblem(later), [carried.roster])).toEqual([]);
      expect(carried.bounds.wholeDrift).toBe(0);
      expect(carried.bounds.whole).toBe(
        Math.min(live.bounds.whole! + primaries(late), wholeSchoolBound(later, keptPlacements(later, live.roster))),
      );
      expect(carried.bounds.best).toBeLessThanOrEqual(carried.bounds.whole!);
      expect(carried.bounds.best).toBeGreaterThanOrEqual(optimum(later));
      // The part's bound alone counts every student outside the part as able to meet every request.
      const partOnly = await incrementalSchedule(later, live.roster, { ...options, changedStudents });
      expect(partOnly.bounds.best, `seed ${seed}`).toBeGreaterThan(carried.bounds.best);
      expect(partOnly.bounds.whole).toBeUndefined();

      // A second change on top (one student leaves, one late student changes) builds on the first.
      const leaver = school.students[3]!.studentId;
      const [changed] = lateStudents(school, 1, "LATE");
      changed!.requests = changed!.requests.slice(1);
      const again = withStudents(withoutStudent(later, leaver), [changed!]);
      const next = await incrementalSchedule(again, carried.roster, {
        ...options,
        changedStudents: [leaver, changed!.student.studentId],
        liveBounds: carried.bounds,
      });
      expect(validateRoster(asProblem(again), [next.roster])).toEqual([]);
      expect(next.bounds.whole).toBeLessThanOrEqual(carried.bounds.whole! + primaryCount(changed!.requests));
      expect(next.bounds.best).toBeGreaterThanOrEqual(optimum(again));
    }
  });

  it("carries a late student's primary requests while they stay under WHOLE_DRIFT_SHARE of the bound, computing nothing on the whole school", async () => {
    const school = randomSchool(14, { students: 300 });
    const live = await solveSchool(school, options);
    const [one] = lateStudents(school, 1, "ONE");
    const withOne = withStudents(school, [one!]);
    const single = await incrementalSchedule(withOne, live.roster, {
      ...options,
      changedStudents: [one!.student.studentId],
      liveBounds: live.bounds,
    });
    expect(validateRoster(asProblem(withOne), [single.roster])).toEqual([]);
    expect(primaries([one!])).toBeLessThanOrEqual(WHOLE_DRIFT_SHARE * live.bounds.whole!);
    expect(single.bounds.whole).toBe(live.bounds.whole! + primaries([one!]));
    expect(single.bounds.wholeDrift).toBe(primaries([one!]));
    expect(single.bounds.best).toBeGreaterThanOrEqual(computeSchoolMetrics(withOne, single.roster).primaryMet);
  });

  it("is the live run's on an unchanged roster, and so is its gap", async () => {
    const school = randomSchool(21, { students: 60, periods: 4 });
    const live = await solveSchool(school, options);
    const rerun = await incrementalSchedule(school, live.roster, {
      ...options,
      changedStudents: [],
      liveBounds: live.bounds,
    });
    expect(validateRoster(asProblem(school), [rerun.roster])).toEqual([]);
    expect(rerun.bounds.best).toBe(live.bounds.best);
    expect(computeSchoolMetrics(school, rerun.roster).primaryMet).toBe(
      computeSchoolMetrics(school, live.roster).primaryMet,
    );
  });
});

describe("late-change runs against the store", () => {
  const school = generatePreset("tiny", 1);
  const schoolId = school.school.schoolId;
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await storeWithLiveSchool(school, "mse-carried-"));
  });
  afterAll(() => close());

  it("report the live run's bound plus what the change can add, run after run (onlyChanges)", async () => {
    const full = (await getRun(store, (await liveRoster(store, schoolId))!.runId))!;
    expect(full.bounds?.whole).toBe(full.bounds?.best);
    const late = lateStudents(school, 20, "STORE");
    await enrollStudents(store, schoolId, late);
    const first = await runIncremental(store, schoolId, { ...options, onlyChanges: true });
    expect(first.report.bounds!.whole).toBeLessThanOrEqual(full.bounds!.whole! + primaries(late));
    expect(first.report.bounds!.best).toBeLessThanOrEqual(full.bounds!.best + primaries(late));
    expect(first.report.bounds!.best).toBeGreaterThanOrEqual(first.report.primaryMet);

    await dropStudent(store, schoolId, late[0]!.student.studentId);
    const second = await runIncremental(store, schoolId, { ...options, onlyChanges: true });
    expect(second.report.bounds?.whole).toBe(first.report.bounds!.whole);
    expect(second.report.bounds!.best).toBeGreaterThanOrEqual(second.report.primaryMet);

    const now = await readSchoolProblem(store, schoolId);
    const published = await liveRoster(store, schoolId);
    expect(validateRoster(joinSchools([now]), [published!.roster])).toEqual([]);
  });
});
