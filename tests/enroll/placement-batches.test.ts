import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { enrollStudent } from "../../src/enroll/enroll-student.ts";
import { incrementalSchedule, type IncrementalOptions } from "../../src/enroll/incremental-schedule.ts";
import { runIncremental, type SolveIncremental } from "../../src/enroll/run-incremental.ts";
import { createSchoolLanes, runBatched } from "../../src/enroll/school-lanes.ts";
import {
  applyStudentChanges,
  changeKey,
  type StudentChange,
  type StudentChangeOutcome,
} from "../../src/enroll/student-changes.ts";
import { closeStore, liveRoster, openStore, readSchoolProblem, type Store } from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { storeWithLiveSchool } from "../store/support/live-school-store.ts";

const school = generatePreset("tiny", 1);
const schoolId = school.school.schoolId;
const model = school.students[0]!;
const lateStudent = (studentId: string) => ({
  student: { ...model, studentId },
  requests: school.requests.filter((r) => r.studentId === model.studentId).map((r) => ({ ...r, studentId })),
});

/** The incremental solve of this thread, recording the options of every call. */
function recordingSolve(calls: IncrementalOptions[], gate?: Promise<void>): SolveIncremental {
  return async (problem, live, options) => {
    calls.push(options);
    if (gate && calls.length === 1) await gate;
    return incrementalSchedule(problem, live, options);
  };
}

describe("seating late changes against the store", () => {
  let store: Store;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, url, close } = await storeWithLiveSchool(school, "mse-batches-"));
  });
  afterAll(() => close());

  it("places only the students this process changed since the live run when asked to (onlyChanges), every unmet student otherwise", async () => {
    const calls: IncrementalOptions[] = [];
    const late = lateStudent("ONLY-1");
    await enrollStudent(store, schoolId, late.student, late.requests);
    await runIncremental(store, schoolId, {
      seed: 1,
      quality: "quick",
      onlyChanges: true,
      solve: recordingSolve(calls),
    });
    expect(calls[0]!.changedStudents).toEqual(["ONLY-1"]);

    const again = lateStudent("ONLY-2");
    await enrollStudent(store, schoolId, again.student, again.requests);
    await runIncremental(store, schoolId, { seed: 1, quality: "quick", solve: recordingSolve(calls) });
    expect(calls[1]!.changedStudents).toBeUndefined();
  });

  it("tries every unmet student when another process wrote a change since the live run: its change is not known here", async () => {
    const other = await openStore(url);
    try {
      const late = lateStudent("ELSEWHERE-1");
      await enrollStudent(other, schoolId, late.student, late.requests);
    } finally {
      await closeStore(other);
    }
    const calls: IncrementalOptions[] = [];
    await runIncremental(store, schoolId, {
      seed: 1,
      quality: "quick",
      onlyChanges: true,
      solve: recordingSolve(calls),
    });
    expect(calls[0]!.changedStudents).toBeUndefined();
    const live = (await liveRoster(store, schoolId))!;
    expect(live.roster.enrollments.some((e) => e.studentId === "ELSEWHERE-1")).toBe(true);
  });

  it("places the changes that arrive while the school's placement is running with one run after it", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: IncrementalOptions[] = [];
    const lanes = createSchoolLanes<StudentChange, StudentChangeOutcome>(
      (id, changes) => applyStudentChanges(store, id, changes, { solve: recordingSolve(calls, gate) }),
      changeKey,
    );
    const enroll = (studentId: string): StudentChange => ({
      kind: "enroll",
      ...lateStudent(studentId),
      place: true,
      allowMoves: 0,
      requestId: studentId,
    });
    const first = runBatched(lanes, schoolId, enroll("BATCH-0"));
    await expect.poll(() => calls.length).toBe(1);
    // The school's placement is on the solver: these wait in its lane.
    const waiting = ["BATCH-1", "BATCH-2", "BATCH-3"].map((id) => runBatched(lanes, schoolId, enroll(id)));
    open();
    const outcomes = await Promise.all([first, ...waiting]);

    expect(calls.map((c) => c.changedStudents)).toEqual([["BATCH-0"], ["BATCH-1", "BATCH-2", "BATCH-3"]]);
    expect(outcomes.map((o) => o.placement.status)).toEqual(["placed", "placed", "placed", "placed"]);
    const runIds = new Set(outcomes.slice(1).map((o) => o.placement.runId));
    expect(runIds.size).toBe(1);
    expect(runIds.has(outcomes[0]!.placement.runId)).toBe(false);
    const live = (await liveRoster(store, schoolId))!;
    const problem = await readSchoolProblem(store, schoolId);
    expect(validateRoster(joinSchools([problem]), [live.roster])).toEqual([]);
  });
});
