import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeValue, schoolTask } from "../../src/district/school-task.ts";
import { createSolvePool, type SolvePool } from "../../src/district/solve-pool.ts";
import { turnClock } from "../../src/store/index.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { scheduleSchool, type ScheduledSchool } from "../../src/run/schedule-school.ts";
import { schoolReportOf } from "../../src/report/school-report.ts";
import { solveEncodedSchool } from "../../workers/solve-school-task.ts";
import { DETERMINISTIC, smallSchools } from "../district/support/small-district.ts";

let school: SchoolProblem;
let pool: SolvePool;
beforeAll(() => {
  [school] = smallSchools(400, 1) as [SchoolProblem];
  pool = createSolvePool({ threads: 1 });
});
afterAll(() => pool.destroy());

describe("the pool's school task", () => {
  it("decodes the school, solves it as scheduleSchool does and returns the outcome with the school's report", async () => {
    const { task } = await schoolTask(1, school, DETERMINISTIC, turnClock(15));
    const solved = decodeValue<ScheduledSchool>(await solveEncodedSchool(task));
    const direct = await scheduleSchool(school, DETERMINISTIC);
    expect(solved.outcome.roster).toEqual(direct.roster);
    expect(solved.outcome.bounds).toEqual(direct.bounds);
    expect({ ...solved.report, timings: {} }).toEqual({ ...schoolReportOf(school, direct), timings: {} });
  });

  it("moves the problem's bytes to the worker thread and the outcome's back, without copies: the sender's buffer is detached", async () => {
    const { task, transferList } = await schoolTask(2, school, DETERMINISTIC, turnClock(15));
    expect(task.problem.byteLength).toBeGreaterThan(10_000);
    const result = await pool.run(task, { transferList });
    expect(task.problem.byteLength).toBe(0);
    expect(result).toBeInstanceOf(Uint8Array);
    expect(decodeValue<ScheduledSchool>(result).outcome.roster.schoolId).toBe(school.school.schoolId);
  });
});
