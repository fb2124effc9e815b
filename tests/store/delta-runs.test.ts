import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { CourseRequest, SchoolProblem, Student } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import {
  diffRuns,
  exportLive,
  failRun,
  importProblem,
  liveRoster,
  liveRunId,
  readSchoolProblem,
  closeStore,
  openStore,
  publishRun,
  readEnrollments,
  readRunRoster,
  MAX_DELTA_DEPTH,
  runChain,
  getRun,
  listRuns,
  saveRunResult,
  type RunResult,
  startRun,
  type Store,
  removeStudent,
  upsertStudent,
} from "../../src/store/index.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { forEachDatabase } from "./support/databases.ts";
import { changedStudents, lateRoster, solverRun, tinySchool } from "./support/tiny-school.ts";
import { countRows } from "./support/count-rows.ts";

/**
 * Starts a run of the school. A run saved unpublished keeps its lease until it expires, so the
 * runs here take 1 ms leases (renewed by the save) and wait for the previous one to lapse.
 */
const start = (store: Store, schoolId: string, seed: number) =>
  startRun(store, schoolId, { seed }, { leaseMs: 1, waitMs: 5000 });

/** Saves `roster` as a new run of its school (a delta of `delta.baseRunId` if given); returns the run's ID. */
async function save(store: Store, roster: SchoolRoster, delta?: RunResult["delta"], publish = false): Promise<number> {
  const handle = await start(store, roster.schoolId, 1);
  await saveRunResult(store, handle, { roster, delta }, { publish });
  return handle.runId;
}

const assignmentRows = (store: Store, runId: number) => countRows(store, "assignment", "run_id = $1", runId);

forEachDatabase((database) => {
  let store: Store;
  let school: SchoolProblem;
  let id: string;
  let baseRunId: number;
  let base: SchoolRoster;
  let specs = 0;
  beforeAll(async () => {
    store = await openStore(await database.create());
  });
  beforeEach(async () => {
    school = tinySchool(`MS-Δ'${++specs}`);
    id = school.school.schoolId;
    await importProblem(store, joinSchools([school]));
    baseRunId = (await runSchool(store, id, solverRun(1))).runId;
    base = await readRunRoster(store, baseRunId);
    expect(validateRoster(joinSchools([school]), [base])).toEqual([]);
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  /** A late student like the school's first one (same grade and requests), under `studentId`. */
  function lateStudent(studentId: string): { student: Student; requests: CourseRequest[] } {
    const model = school.students[0]!;
    return {
      student: { ...model, studentId, givenName: "Zoë", familyName: "O'Neill" },
      requests: school.requests.filter((r) => r.studentId === model.studentId).map((r) => ({ ...r, studentId })),
    };
  }

  /** Applies a late change to the store, re-runs on top of `from` and checks the roster; returns it and who changed. */
  async function lateChange(
    change: () => Promise<unknown>,
    from: SchoolRoster,
    seed: number,
    released: string[] = [],
  ): Promise<{ roster: SchoolRoster; students: string[] }> {
    await change();
    const problem = await readSchoolProblem(store, id);
    const roster = await lateRoster(problem, from, seed, released);
    expect(validateRoster(joinSchools([problem]), [roster])).toEqual([]);
    return { roster, students: changedStudents(from, roster) };
  }

  it("reads a delta run back as the complete roster it was given, identical to a full write of it, from its own few rows", async () => {
    // IDs whose order differs between JavaScript and the databases' byte order: the database must sort both alike.
    const late = lateStudent("LATE-🦉'1");
    const { roster, students } = await lateChange(() => upsertStudent(store, id, late.student, late.requests), base, 2);
    expect(students).toEqual(["LATE-🦉'1"]);
    const delta = await save(store, roster, { baseRunId, students });
    const full = await save(store, roster);
    expect((await getRun(store, delta))?.baseRunId).toBe(baseRunId);
    expect((await getRun(store, full))?.baseRunId).toBeUndefined();
    const [fromDelta, fromFull] = [await readRunRoster(store, delta), await readRunRoster(store, full)];
    expect(fromDelta).toEqual(fromFull);
    expect(fromDelta.sections).toEqual(roster.sections);
    expect(fromDelta.unscheduled).toEqual(roster.unscheduled);
    expect(new Set(fromDelta.enrollments.map((e) => `${e.studentId}|${e.sectionId}`))).toEqual(
      new Set(roster.enrollments.map((e) => `${e.studentId}|${e.sectionId}`)),
    );
    expect(await readEnrollments(store.db, store, delta)).toEqual(fromFull.enrollments);
    expect(await assignmentRows(store, delta)).toBe(
      roster.enrollments.filter((e) => e.studentId === "LATE-🦉'1").length,
    );
    expect(await assignmentRows(store, delta)).toBeGreaterThan(0);
  });

  it("reads the base's section placements for a delta run saved without its own, through a chain, and diffRuns sees no section moved", async () => {
    const first = lateStudent("LATE-S1");
    const second = lateStudent("LATE-S2");
    const one = await lateChange(() => upsertStudent(store, id, first.student, first.requests), base, 3);
    const oneRun = await save(store, one.roster, { baseRunId, students: one.students, sameSections: true });
    const two = await lateChange(() => upsertStudent(store, id, second.student, second.requests), one.roster, 4);
    const twoRun = await save(store, two.roster, { baseRunId: oneRun, students: two.students, sameSections: true });
    expect(await countRows(store, "run_section", "run_id IN ($1, $2)", oneRun, twoRun)).toBe(0);
    expect((await readRunRoster(store, twoRun)).sections).toEqual(base.sections);
    expect((await diffRuns(store, baseRunId, twoRun)).movedSections).toEqual([]);
    expect((await diffRuns(store, twoRun, baseRunId)).movedSections).toEqual([]);
    expect(await readRunRoster(store, twoRun)).toEqual(await readRunRoster(store, await save(store, two.roster)));
  });

  it("refuses to publish an incremental run whose base is no longer live (another run went live meanwhile), keeping none of it", async () => {
    const late = lateStudent("LATE-race");
    const { roster, students } = await lateChange(() => upsertStudent(store, id, late.student, late.requests), base, 5);
    // Someone else publishes a run of the school after ours read the live roster.
    const other = await runSchool(store, id, solverRun(6));
    const handle = await start(store, id, 7);
    await expect(
      saveRunResult(store, handle, { roster, delta: { baseRunId, students } }, { publish: true }),
    ).rejects.toThrow(new RegExp(`made from run ${baseRunId}, but run ${other.runId} is live`));
    expect(await assignmentRows(store, handle.runId)).toBe(0);
    expect(await liveRunId(store, id)).toBe(other.runId);
  });

  it("resolves a chain of delta runs: a new student, a dropped one, another new one, the first one's seats changed, each run reading back as its own roster", async () => {
    const first = lateStudent("LATE-1");
    const second = lateStudent("LATE-2");
    const leaver = school.students[5]!.studentId;
    const steps: [change: () => Promise<unknown>, released: string[]][] = [
      [() => upsertStudent(store, id, first.student, first.requests), []],
      [() => removeStudent(store, id, leaver), []],
      [() => upsertStudent(store, id, second.student, second.requests), []],
      // LATE-1 gives up one course: rewritten a second time, the newest run's seats must win.
      [() => upsertStudent(store, id, first.student, first.requests.slice(1)), ["LATE-1"]],
    ];
    const runs = [baseRunId];
    const rosters = [base];
    for (const [i, [change, released]] of steps.entries()) {
      const { roster, students } = await lateChange(change, rosters.at(-1)!, 10 + i, released);
      runs.push(await save(store, roster, { baseRunId: runs.at(-1)!, students }, true));
      rosters.push(roster);
    }
    expect(await assignmentRows(store, runs[2]!)).toBe(0); // the dropped student: listed, with no seat
    const seatsOfFirst = (roster: SchoolRoster) => roster.enrollments.filter((e) => e.studentId === "LATE-1").length;
    expect(seatsOfFirst(rosters[4]!)).toBeLessThan(seatsOfFirst(rosters[3]!));
    expect((await runChain(store.db, store, runs[4]!)).map((l) => [l.runId, l.baseRunId, l.depth])).toEqual([
      [runs[4], runs[3], 0],
      [runs[3], runs[2], 1],
      [runs[2], runs[1], 2],
      [runs[1], runs[0], 3],
      [runs[0], undefined, 4],
    ]);
    for (const [i, runId] of runs.entries()) {
      expect(await readRunRoster(store, runId)).toEqual(await readRunRoster(store, await save(store, rosters[i]!)));
    }
    const live = await liveRoster(store, id);
    expect(live?.runId).toBe(runs[4]);
    // The newest runs of a busy school, without reading all of them.
    const all = await listRuns(store, id);
    expect(await listRuns(store, id, { newest: 2 })).toEqual(all.slice(-2));
    expect(live!.roster.enrollments.some((e) => e.studentId === leaver)).toBe(false);
    expect(live!.roster.enrollments.some((e) => e.studentId === "LATE-1")).toBe(true);
  });

  it("writes a full run once the chain reaches MAX_DELTA_DEPTH, and starts a new chain on it", async () => {
    const student = base.enrollments[0]!.studentId;
    const runs: number[] = [];
    for (let i = 0; i <= MAX_DELTA_DEPTH; i++)
      runs.push(await save(store, base, { baseRunId: runs.at(-1) ?? baseRunId, students: [student] }));
    const bases = await Promise.all(runs.map(async (r) => (await getRun(store, r))?.baseRunId));
    expect(bases.slice(0, MAX_DELTA_DEPTH)).toEqual([baseRunId, ...runs.slice(0, MAX_DELTA_DEPTH - 1)]);
    expect(bases[MAX_DELTA_DEPTH]).toBeUndefined();
    expect(await runChain(store.db, store, runs[MAX_DELTA_DEPTH - 1]!)).toHaveLength(MAX_DELTA_DEPTH + 1);
    expect(await assignmentRows(store, runs[MAX_DELTA_DEPTH]!)).toBe(base.enrollments.length);
    for (const runId of [runs[MAX_DELTA_DEPTH - 1]!, runs[MAX_DELTA_DEPTH]!])
      expect(await readRunRoster(store, runId)).toEqual(base);
    const next = await save(store, base, { baseRunId: runs[MAX_DELTA_DEPTH]!, students: [student] });
    expect((await getRun(store, next))?.baseRunId).toBe(runs[MAX_DELTA_DEPTH]);
  });

  it("refuses a delta on a run of another school, on a failed run or on no run, writing nothing and leaving the live roster as it was", async () => {
    const other = tinySchool(`${id}-other`);
    await importProblem(store, joinSchools([other]));
    const otherRun = (await runSchool(store, other.school.schoolId, solverRun(1))).runId;
    const failed = await start(store, id, 9);
    await failRun(store, failed, new Error("solver crashed"));
    const cases: [number, RegExp][] = [
      [otherRun, new RegExp(`which is of school ${other.school.schoolId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)],
      [failed.runId, /its status is failed, not succeeded/],
      [987_654, /there is no such run/],
    ];
    for (const [badBase, message] of cases) {
      const handle = await start(store, id, 2);
      await expect(
        saveRunResult(store, handle, { roster: base, delta: { baseRunId: badBase, students: [] } }, { publish: true }),
      ).rejects.toThrow(message);
      expect(await getRun(store, handle.runId)).toMatchObject({ status: "running" });
      expect(await assignmentRows(store, handle.runId)).toBe(0);
      expect(await countRows(store, "run_section", "run_id = $1", handle.runId)).toBe(0);
      await failRun(store, handle, new Error("refused"));
    }
    expect(await liveRunId(store, id)).toBe(baseRunId);
  });

  it("diffRuns between a delta run and its base lists exactly the changed seats, either way round and against a full run", async () => {
    const late = lateStudent("LATE-diff");
    const leaver = school.students[7]!.studentId;
    const { roster, students } = await lateChange(
      async () => {
        await upsertStudent(store, id, late.student, late.requests);
        await removeStudent(store, id, leaver);
      },
      base,
      4,
    );
    expect(students).toEqual(expect.arrayContaining(["LATE-diff", leaver]));
    const delta = await save(store, roster, { baseRunId, students });
    const full = await save(store, roster);
    const key = (e: { studentId: string; sectionId: string }) => `${e.studentId}|${e.sectionId}`;
    const [before, after] = [base.enrollments.map(key), roster.enrollments.map(key)];
    const forward = await diffRuns(store, baseRunId, delta);
    expect(forward.added.map(key).sort()).toEqual(after.filter((k) => !before.includes(k)).sort());
    expect(forward.removed.map(key).sort()).toEqual(before.filter((k) => !after.includes(k)).sort());
    expect(forward.removed.map((e) => e.studentId)).toContain(leaver);
    expect(forward.added.map((e) => e.studentId)).toContain("LATE-diff");
    // Same answer, same order, as the SQL diff of two full runs.
    expect(forward).toEqual({ ...(await diffRuns(store, baseRunId, full)), to: delta });
    const backward = await diffRuns(store, delta, baseRunId);
    expect([backward.added, backward.removed]).toEqual([forward.removed, forward.added]);
    expect(await diffRuns(store, delta, full)).toMatchObject({ added: [], removed: [], movedSections: [] });
  });

  it("publishes a delta run atomically like any run: the live roster and the export are the whole roster, and the base can be published back", async () => {
    const late = lateStudent("LATE-pub");
    const { roster, students } = await lateChange(() => upsertStudent(store, id, late.student, late.requests), base, 5);
    const handle = await start(store, id, 5);
    const outcome = await saveRunResult(store, handle, { roster, delta: { baseRunId, students } }, { publish: true });
    expect(outcome).toEqual({ schoolId: id, runId: handle.runId, previousRunId: baseRunId, changed: true });
    const live = await liveRoster(store, id);
    expect(live?.roster).toEqual(await readRunRoster(store, await save(store, roster)));
    const exported = await exportLive(store, [id]);
    expect(exported.rosters).toEqual([live!.roster]);
    expect(validateRoster(exported.problem, exported.rosters)).toEqual([]);
    // A later delta that fails to save (lease lost) leaves the delta live, whole.
    const lost = await start(store, id, 6);
    await store.db.execute(`DELETE FROM run_lease WHERE run_id = $1`, [lost.runId]);
    await expect(
      saveRunResult(store, lost, { roster: base, delta: { baseRunId: handle.runId, students } }, { publish: true }),
    ).rejects.toThrow(/lost its lease/);
    expect(await liveRoster(store, id)).toEqual(live);
    await failRun(store, lost, new Error("lease lost"));
    // Rolling back to the base, which was made from an older problem version, is refused as for any run.
    await expect(publishRun(store, baseRunId)).rejects.toThrow(/re-imported since the run started/);
  });
});
