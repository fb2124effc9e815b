import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DistrictProgress } from "../../src/district/district-progress.ts";
import { queueSetup } from "../../src/district/queue-setup.ts";
import { poolExecutor, queueExecutor } from "../../src/district/executors.ts";
import { inlineExecutor } from "../../src/district/inline-executor.ts";
import { fromFiles, runSchools } from "../../src/district/run-schools.ts";
import { scheduleFiles } from "../../src/cli/commands/schedule.ts";
import { createSolvePool, type SolvePool } from "../../src/district/solve-pool.ts";
import { scheduleSchool } from "../../src/run/schedule-school.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { DETERMINISTIC, smallSchools, unsolvable } from "../district/support/small-district.ts";
import { renamedSchool } from "../../fixtures/renamed-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";

const FAULTY_TASK = fileURLToPath(new URL("../district/support/faulty-task-entry.mjs", import.meta.url));

let schools: SchoolProblem[];
let markers: string;
// Pools are shared between specs: a thread takes a second or two to start (it loads tsx and the solver).
let pool: SolvePool;
let onePool: SolvePool;
let faultyPool: SolvePool;
beforeAll(() => {
  schools = smallSchools(480, 4);
  markers = mkdtempSync(path.join(tmpdir(), "mse-faulty-"));
  process.env.FAULTY_TASK_DIR = markers;
  pool = createSolvePool({ threads: 2 });
  onePool = createSolvePool({ threads: 1 });
  faultyPool = createSolvePool({ threads: 2, taskFile: FAULTY_TASK });
});
afterAll(async () => {
  await Promise.all([pool.destroy(), onePool.destroy(), faultyPool.destroy()]);
  rmSync(markers, { recursive: true, force: true });
});

describe("runSchools of a problem's schools on the pool", () => {
  it("gives every school the roster it gets in this thread, in input order, and each roster passes the validator", async () => {
    const result = await runSchools(fromFiles(schools), poolExecutor({ pool }), { schedule: DETERMINISTIC });
    expect(result.failures).toEqual([]);
    expect(result.rosters.map((r) => r.schoolId)).toEqual(schools.map((s) => s.school.schoolId));
    for (const [i, school] of schools.entries()) {
      expect(result.rosters[i]).toEqual((await scheduleSchool(school, DETERMINISTIC)).roster);
      expect(validateRoster(joinSchools([school]), [result.rosters[i]!])).toEqual([]);
    }
    expect(result.reports.map((r) => r.schoolId)).toEqual(schools.map((s) => s.school.schoolId));
  });

  it("hands out the largest school first and reports progress in students placed, ending at zero time left", async () => {
    const events: DistrictProgress[] = [];
    const reversed = [...schools].reverse();
    await runSchools(fromFiles(reversed), poolExecutor({ pool: onePool }), {
      schedule: DETERMINISTIC,
      onProgress: (p) => events.push(p),
    });
    const bySize = [...schools].sort(
      (a, b) => b.requests.length + b.students.length - (a.requests.length + a.students.length),
    );
    // One thread: schools finish in the order they were handed out.
    expect(events.map((e) => e.last!.schoolId)).toEqual(bySize.map((s) => s.school.schoolId));
    const total = schools.reduce((n, s) => n + s.students.length, 0);
    expect(events.map((e) => e.schoolsDone)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({
      schoolsTotal: 4,
      schoolsDone: 4,
      schoolsFailed: 0,
      studentsTotal: total,
      studentsDone: total,
      remainingMs: 0,
    });
    expect(events.at(-1)!.studentsPlaced).toBeGreaterThan(0);
    expect(events.at(-1)!.studentsPlaced).toBeLessThanOrEqual(total);
  });

  it("reports a school with bad data with its reason after retrying it, and still schedules the others", async () => {
    const bad = unsolvable(schools[0]!, "ES-BROKEN");
    const events: DistrictProgress[] = [];
    const result = await runSchools(fromFiles([bad, ...schools.slice(0, 2)]), poolExecutor({ pool }), {
      schedule: DETERMINISTIC,
      attempts: 2,
      onProgress: (p) => events.push(p),
    });
    expect(result.failures).toEqual([
      { schoolId: "ES-BROKEN", reason: expect.stringMatching(/64 slots/), attempts: 2 },
    ]);
    expect(result.rosters.map((r) => r.schoolId)).toEqual(schools.slice(0, 2).map((s) => s.school.schoolId));
    expect(events.at(-1)).toMatchObject({ schoolsDone: 3, schoolsFailed: 1 });
    expect(events.find((e) => !e.last!.ok)!.last).toMatchObject({
      schoolId: "ES-BROKEN",
      ok: false,
      reason: expect.stringMatching(/64 slots/),
    });
  });

  it("survives a worker thread that crashes, and retries a school whose first attempt failed", async () => {
    const crash = renamedSchool(schools[0]!, "CRASH-1");
    const flaky = renamedSchool(schools[1]!, "FLAKY-1");
    const result = await runSchools(fromFiles([crash, flaky, schools[2]!]), poolExecutor({ pool: faultyPool }), {
      schedule: DETERMINISTIC,
      attempts: 2,
    });
    expect(result.failures).toEqual([{ schoolId: "CRASH-1", reason: expect.stringMatching(/exit/i), attempts: 2 }]);
    expect(result.rosters.map((r) => r.schoolId)).toEqual(["FLAKY-1", schools[2]!.school.schoolId]);
    expect(result.rosters[0]!.enrollments).toEqual(
      (await scheduleSchool(schools[1]!, DETERMINISTIC)).roster.enrollments,
    );
  });

  it("stops a school that runs past its time-out, names the time-out as the reason, and finishes the rest", async () => {
    const hang = renamedSchool(schools[0]!, "HANG-1");
    const result = await runSchools(
      fromFiles([hang, schools[1]!]),
      poolExecutor({ pool: faultyPool, timeoutMs: 1_500 }),
      { schedule: DETERMINISTIC, attempts: 1 },
    );
    expect(result.failures).toEqual([
      { schoolId: "HANG-1", reason: expect.stringMatching(/did not finish within 1\.5 s/), attempts: 1 },
    ]);
    expect(result.rosters.map((r) => r.schoolId)).toEqual([schools[1]!.school.schoolId]);
  });
});

describe("runSchools in this thread", () => {
  it("gives the rosters the pool gives, in input order", async () => {
    const { rosters, failures } = await runSchools(fromFiles(schools.slice(0, 2)), inlineExecutor(), {
      schedule: DETERMINISTIC,
    });
    const pooled = await runSchools(fromFiles(schools.slice(0, 2)), poolExecutor({ pool }), {
      schedule: DETERMINISTIC,
    });
    expect(failures).toEqual([]);
    expect(rosters).toEqual(pooled.rosters);
  });

  it("leaves quick's LP-guided search of small schools to a run of one school, unless the run asks for it", async () => {
    const seen: (boolean | undefined)[] = [];
    const inline = inlineExecutor();
    const recording = {
      ...inline,
      solve: ((problem, options) => {
        seen.push(options.lpGuided);
        return inline.solve(problem, options);
      }) satisfies typeof inline.solve,
    };
    await runSchools(fromFiles(schools.slice(0, 2)), recording, { schedule: DETERMINISTIC });
    expect(seen).toEqual([false, false]);
    seen.length = 0;
    await runSchools(fromFiles(schools.slice(0, 1)), recording, { schedule: DETERMINISTIC });
    expect(seen).toEqual([undefined]);
    seen.length = 0;
    await runSchools(fromFiles(schools.slice(0, 2)), recording, { schedule: { ...DETERMINISTIC, lpGuided: true } });
    expect(seen).toEqual([true, true]);
  });

  it("refuses the queue for a problem's files: the queue's workers read the store", async () => {
    await expect(
      runSchools(fromFiles(schools.slice(0, 1)), queueExecutor(queueSetup()), { schedule: DETERMINISTIC }),
    ).rejects.toThrow(/schools of the store/);
  });
});

describe("mse schedule --input on several schools", () => {
  it("splits a multi-school problem by school and adds the reports up", async () => {
    const { rosters, report, failures } = await scheduleFiles(
      joinSchools(schools.slice(0, 2)),
      DETERMINISTIC,
      poolExecutor({ pool }),
    );
    expect(failures).toEqual([]);
    expect(rosters.map((r) => r.schoolId)).toEqual(schools.slice(0, 2).map((s) => s.school.schoolId));
    expect(report.totals.schools).toBe(2);
    expect(report.totals.students).toBe(schools[0]!.students.length + schools[1]!.students.length);
    expect(report.totals.enrollments).toBe(rosters[0]!.enrollments.length + rosters[1]!.enrollments.length);
    expect(report.parameters).toMatchObject({ seed: DETERMINISTIC.seed, quality: "quick", threads: 2 });
  });
});
