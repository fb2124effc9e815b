import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSolvePool, solveIncrementalOnPool, type SolvePool } from "../../src/district/solve-pool.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { inStoreOrder } from "../../src/domain/roster-order.ts";
import { applyStudentRowsChange, type StudentRowsChange } from "../../src/domain/student-change.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import type { IncrementalIds } from "../../src/enroll/run-incremental.ts";
import { scheduleSchool } from "../../src/run/schedule-school.ts";
import { DETERMINISTIC, smallSchools } from "./support/small-district.ts";

const options = { seed: 3, quality: "quick" as const };

let school: SchoolProblem;
let pool: SolvePool;
/** The bytes of each task's input, as the pool was sent them. */
const sent: number[] = [];
/** The changes "written" so far, by the version each made (as the store keeps them). */
const log = new Map<number, StudentRowsChange>();
const changesSince = (from: number, to: number) => {
  const list: StudentRowsChange[] = [];
  for (let v = from + 1; v <= to; v++) {
    const change = log.get(v);
    if (!change) return undefined;
    list.push(change);
  }
  return list;
};

/** A newcomer with the grade and requests of `model`. */
function newcomer(problem: SchoolProblem, model: string, id: string): StudentRowsChange {
  const student = problem.students.find((s) => s.studentId === model)!;
  return {
    kind: "upsert",
    listings: [
      {
        student: { ...student, studentId: id },
        requests: problem.requests.filter((r) => r.studentId === model).map((r) => ({ ...r, studentId: id })),
      },
    ],
  };
}

/** What this thread's incrementalSchedule makes of the same inputs, in the store's order. */
async function direct(problem: SchoolProblem, live: SchoolRoster): Promise<SchoolRoster> {
  return inStoreOrder((await incrementalSchedule(problem, inStoreOrder(live), options)).roster);
}

beforeAll(() => {
  [school] = smallSchools(400, 1) as [SchoolProblem];
  pool = createSolvePool({ threads: 1 });
  const run = pool.run.bind(pool);
  pool.run = ((task: { input: Uint8Array }, runOptions: Parameters<SolvePool["run"]>[1]) => {
    sent.push(task.input.byteLength);
    return run(task as never, runOptions);
  }) as SolvePool["run"];
});
afterAll(() => pool.destroy());

describe("schools kept on the placement thread between incremental runs", () => {
  let version = 1;
  let live: SchoolRoster;
  let problem: SchoolProblem;
  let liveRunId = 1;
  const ids = (): IncrementalIds => ({
    schoolId: school.school.schoolId,
    problemVersion: version,
    liveRunId,
    runId: liveRunId + 1,
    changesSince,
  });
  /** Writes `changes` (each one version) and solves on the pool; the result becomes the live run. */
  async function writeAndPlace(changes: StudentRowsChange[]): Promise<{ pool: SchoolRoster; here: SchoolRoster }> {
    for (const change of changes) {
      log.set(++version, change);
      problem = applyStudentRowsChange(problem, change);
    }
    const here = await direct(problem, live);
    const outcome = await solveIncrementalOnPool(pool, problem, live, options, ids());
    live = outcome.roster;
    liveRunId++;
    return { pool: outcome.roster, here };
  }

  beforeAll(async () => {
    problem = school;
    live = inStoreOrder((await scheduleSchool(school, DETERMINISTIC)).roster);
  });

  it("sends the school whole the first time, and seats a newcomer as this thread would", async () => {
    const model = live.enrollments[0]!.studentId;
    const { pool: onPool, here } = await writeAndPlace([newcomer(problem, model, "LATE-1")]);
    expect(onPool).toEqual(here);
    expect(onPool.enrollments.some((e) => e.studentId === "LATE-1")).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeGreaterThan(50_000);
  });

  it("then sends only the changes since (a drop and a newcomer), and gets the same roster as a whole send", async () => {
    const leaver = live.enrollments.at(-1)!.studentId;
    const model = live.enrollments[live.enrollments.length >> 1]!.studentId;
    const { pool: onPool, here } = await writeAndPlace([
      { kind: "drop", studentId: leaver },
      newcomer(problem, model, "LATE-2"),
    ]);
    expect(onPool).toEqual(here);
    expect(onPool.enrollments.some((e) => e.studentId === leaver)).toBe(false);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBeLessThan(sent[0]! / 20);
  });

  it("sends the school whole again when the thread lost it (a restarted thread), with the same result", async () => {
    await pool.threads[0]!.terminate();
    const model = live.enrollments[1]!.studentId;
    const { pool: onPool, here } = await writeAndPlace([newcomer(problem, model, "LATE-3")]);
    expect(onPool).toEqual(here);
    // The short task was refused for want of the school, then the school went whole.
    expect(sent.slice(2)).toHaveLength(2);
    expect(sent[3]).toBeGreaterThan(sent[2]! * 20);
  });
});
