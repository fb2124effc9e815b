import { describe, expect, it } from "vitest";
import { compileBuildInstance, type BuildInstance } from "../../solver/master-schedule/build-instance.ts";
import { constructRandom } from "../../solver/master-schedule/construct-random.ts";
import { emptyEstimate, estimateScore, type LoadEstimate } from "../../solver/master-schedule/load-estimate.ts";
import { kempeChain } from "../../solver/master-schedule/moves/kempe-chain.ts";
import { moveSection } from "../../solver/master-schedule/moves/move-section.ts";
import { swapSections } from "../../solver/master-schedule/moves/swap-sections.ts";
import { movableSections, placeGiven } from "../../solver/master-schedule/place-given.ts";
import { newSearchContext, REJECTED } from "../../solver/master-schedule/relocation.ts";
import { newSeatSearch, reseatStudent } from "../../solver/master-schedule/reseat-student.ts";
import { emptySchedule, type ScheduleState } from "../../solver/master-schedule/schedule-state.ts";
import { randomInt, seededRandom } from "../../solver/master-schedule/seeded-random.ts";
import { matchTeachers } from "../../solver/master-schedule/teacher-matching.ts";
import { witnessSchool } from "./witness-school.ts";

/** The estimate's counters recomputed from its seats alone. */
function recount(inst: BuildInstance, state: ScheduleState, est: LoadEstimate) {
  const load = new Int32Array(inst.nSections);
  const teacherStudents = new Int32Array(inst.nTeachers);
  const iepLoad = new Int32Array(inst.nSections);
  let unmetWeight = 0;
  for (let g = 0; g < inst.nGroups; g++) {
    const s = est.assign[g];
    if (s < 0) {
      unmetWeight += est.weight[g];
      continue;
    }
    load[s]++;
    if (inst.studentIep[inst.groupStudent[g]]) iepLoad[s]++;
    for (const t of [state.teacher[s], state.coTeacher[s]]) if (t >= 0) teacherStudents[t]++;
  }
  let overflow = 0;
  for (let s = 0; s < inst.nSections; s++) {
    overflow += Math.max(0, load[s] - state.effCapacity[s]) + Math.max(0, iepLoad[s] - inst.secIepCapacity[s]);
  }
  for (let t = 0; t < inst.nTeachers; t++) overflow += Math.max(0, teacherStudents[t] - inst.teacherMaxStudents[t]);
  return { load: [...load], unmetWeight, overflow };
}

/** True when no student holds two sections meeting in one slot. */
function clashFree(inst: BuildInstance, state: ScheduleState, est: LoadEstimate): boolean {
  for (let i = 0; i < inst.nStudents; i++) {
    let lo = 0;
    let hi = 0;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      const s = est.assign[g];
      if (s < 0) continue;
      if ((state.maskLo[s] & lo) !== 0 || (state.maskHi[s] & hi) !== 0) return false;
      lo |= state.maskLo[s];
      hi |= state.maskHi[s];
    }
  }
  return true;
}

describe("the builder's load estimate", () => {
  it("stays equal to a recount, clash-free, through accepted and undone moves, swaps and Kempe chains", () => {
    const problem = witnessSchool(41, {
      students: 80,
      periods: 5,
      terms: ["S1", "S2"],
      blankTeachers: true,
      blankRooms: true,
    });
    problem.teachers.forEach((t, i) => (t.maxStudents = 40 + (i % 3) * 20));
    const inst = compileBuildInstance(problem);
    const state = emptySchedule(inst);
    const matching = matchTeachers(inst);
    state.teacher.set(matching.teacher);
    state.coTeacher.set(matching.coTeacher);
    for (let t = 0; t < inst.nTeachers; t++) state.teacherLoad[t] = 0;
    for (let s = 0; s < inst.nSections; s++)
      for (const t of [state.teacher[s], state.coTeacher[s]]) if (t >= 0) state.teacherLoad[t]++;
    const movable = movableSections(inst);
    placeGiven(inst, state, new Map());
    const random = seededRandom(9);
    expect(constructRandom(inst, state, movable, random)).toEqual([]);
    const est = emptyEstimate(inst);
    const search = newSeatSearch(inst, 400);
    for (let i = 0; i < inst.nStudents; i++) reseatStudent(inst, state, est, search, i);
    const ctx = newSearchContext(inst, state, est, search, random);

    let kept = 0;
    let undone = 0;
    for (let step = 0; step < 300; step++) {
      const before = { score: estimateScore(est), periods: [...state.period], ...recount(inst, state, est) };
      const keep = step % 2 === 0;
      const s = randomInt(random, inst.nSections);
      const q = 1 + randomInt(random, inst.nPeriods);
      const kind = step % 3;
      const result =
        kind === 0
          ? moveSection(ctx, s, q, () => keep)
          : kind === 1
            ? swapSections(ctx, s, randomInt(random, inst.nSections), () => keep)
            : kempeChain(ctx, s, q, movable, () => keep);
      const after = recount(inst, state, est);
      expect(est.unmetWeight).toBe(after.unmetWeight);
      expect(est.overflow).toBe(after.overflow);
      expect([...est.load]).toEqual(after.load);
      expect(clashFree(inst, state, est)).toBe(true);
      if (result === REJECTED) {
        undone++;
        expect(estimateScore(est)).toBe(before.score);
        expect([...state.period]).toEqual(before.periods);
      } else if (keep && result !== 0) kept++;
    }
    expect(kept).toBeGreaterThan(10);
    expect(undone).toBeGreaterThan(10);
  });
});
