import { hasIepSeat } from "../constraints/iep-capacity.ts";
import type { BuildInstance } from "./build-instance.ts";
import type { ScheduleState } from "./schedule-state.ts";
import { addToSet, newIndexSet, removeFromSet, type IndexSet } from "./index-set.ts";

/** Estimate units: a priority-1 request is worth UNIT; lower priorities less. Integers keep sums exact. */
export const UNIT = 60;
/** A seat over a limit costs a little less than a priority-1 request, so a student keeps a clash-free schedule over a seat. */
export const OVERFLOW_COST = 48;

/**
 * The builder's fast estimate of how well students can be loaded: a tentative loading in which
 * every student holds one section per request group, slots never clash, and seats may go over a
 * limit at a price. The limits are those of loading: section capacity (room included), the
 * teachers' max_students and the section's iep_capacity. Score = unmet group weights +
 * OVERFLOW_COST x seats over a limit (lower is better); zero means a complete clash-free loading
 * within every limit exists.
 */
export interface LoadEstimate {
  /** Per group: the section it holds, -1 when unmet. */
  assign: Int32Array;
  /** Per section: students holding it, and those of them with an IEP. */
  load: Int32Array;
  iepLoad: Int32Array;
  /** Per teacher: students across their sections (as teacher or co-teacher). */
  teacherStudents: Int32Array;
  /** Per group: its integer weight (UNIT for priority 1). */
  weight: Int32Array;
  /** Per student: groups unmet. */
  studentUnmet: Int32Array;
  unmetWeight: number;
  unmetCount: number;
  /** Seats over a limit: section capacity, teacher max_students and iep_capacity together. */
  overflow: number;
  /** What one seat over a limit costs now: OVERFLOW_COST in the end; the search starts lower. */
  overflowCost: number;
  /** Students with an unmet group. */
  unhappy: IndexSet;
  /** Sections over their capacity. */
  overfull: IndexSet;
}

/** An estimate in which nobody holds anything yet (every group unmet). */
export function emptyEstimate(inst: BuildInstance): LoadEstimate {
  const weight = new Int32Array(inst.nGroups);
  let unmetWeight = 0;
  const studentUnmet = new Int32Array(inst.nStudents);
  const unhappy = newIndexSet(inst.nStudents);
  for (let g = 0; g < inst.nGroups; g++) {
    weight[g] = Math.max(1, Math.round(UNIT * inst.groupWeight[g]));
    unmetWeight += weight[g];
    studentUnmet[inst.groupStudent[g]]++;
    addToSet(unhappy, inst.groupStudent[g]);
  }
  return {
    assign: new Int32Array(inst.nGroups).fill(-1),
    load: new Int32Array(inst.nSections),
    iepLoad: new Int32Array(inst.nSections),
    teacherStudents: new Int32Array(inst.nTeachers),
    weight,
    studentUnmet,
    unmetWeight,
    unmetCount: inst.nGroups,
    overflow: 0,
    overflowCost: OVERFLOW_COST,
    unhappy,
    overfull: newIndexSet(inst.nSections),
  };
}

/** The score: lower is better, 0 = everyone fully scheduled within every limit. */
export function estimateScore(est: LoadEstimate): number {
  return est.unmetWeight + est.overflowCost * est.overflow;
}

/** Seats of s over its capacity now. */
export function overflowOf(est: LoadEstimate, state: ScheduleState, s: number): number {
  const over = est.load[s] - state.effCapacity[s];
  return over > 0 ? over : 0;
}

/** Re-files section s after its capacity changed: `before` is overflowOf(s) under the old capacity. */
export function capacityChanged(est: LoadEstimate, state: ScheduleState, s: number, before: number): void {
  const after = overflowOf(est, state, s);
  est.overflow += after - before;
  if (after > 0) addToSet(est.overfull, s);
  else removeFromSet(est.overfull, s);
}

/** Moves the students of section s from its old teachers to its current ones (after a move re-chose them). */
export function teachersChanged(
  inst: BuildInstance,
  est: LoadEstimate,
  state: ScheduleState,
  s: number,
  oldTeacher: number,
  oldCoTeacher: number,
): void {
  const n = est.load[s];
  if (n === 0) return;
  const shift = (t: number, delta: number) => {
    const max = inst.teacherMaxStudents[t];
    const before = Math.max(0, est.teacherStudents[t] - max);
    est.teacherStudents[t] += delta;
    est.overflow += Math.max(0, est.teacherStudents[t] - max) - before;
  };
  if (oldTeacher !== state.teacher[s]) {
    if (oldTeacher >= 0) shift(oldTeacher, -n);
    if (state.teacher[s] >= 0) shift(state.teacher[s], n);
  }
  if (oldCoTeacher !== state.coTeacher[s]) {
    if (oldCoTeacher >= 0) shift(oldCoTeacher, -n);
    if (state.coTeacher[s] >= 0) shift(state.coTeacher[s], n);
  }
}

/** Group g takes a seat in section s (or stays unmet when s < 0). */
export function holdSeat(est: LoadEstimate, state: ScheduleState, inst: BuildInstance, g: number, s: number): void {
  est.assign[g] = s;
  if (s < 0) {
    const i = inst.groupStudent[g];
    if (est.studentUnmet[i]++ === 0) addToSet(est.unhappy, i);
    est.unmetWeight += est.weight[g];
    est.unmetCount++;
    return;
  }
  if (est.load[s]++ >= state.effCapacity[s]) {
    est.overflow++;
    addToSet(est.overfull, s);
  }
  const t = state.teacher[s];
  if (t >= 0 && est.teacherStudents[t]++ >= inst.teacherMaxStudents[t]) est.overflow++;
  const c = state.coTeacher[s];
  if (c >= 0 && est.teacherStudents[c]++ >= inst.teacherMaxStudents[c]) est.overflow++;
  if (inst.studentIep[inst.groupStudent[g]] && est.iepLoad[s]++ >= inst.secIepCapacity[s]) est.overflow++;
}

/** Group g gives up what it holds (a seat, or its unmet mark). */
export function releaseSeat(est: LoadEstimate, state: ScheduleState, inst: BuildInstance, g: number): void {
  const s = est.assign[g];
  est.assign[g] = -1;
  if (s < 0) {
    const i = inst.groupStudent[g];
    if (--est.studentUnmet[i] === 0) removeFromSet(est.unhappy, i);
    est.unmetWeight -= est.weight[g];
    est.unmetCount--;
    return;
  }
  if (--est.load[s] >= state.effCapacity[s]) {
    est.overflow--;
    if (est.load[s] === state.effCapacity[s]) removeFromSet(est.overfull, s);
  }
  const t = state.teacher[s];
  if (t >= 0 && --est.teacherStudents[t] >= inst.teacherMaxStudents[t]) est.overflow--;
  const c = state.coTeacher[s];
  if (c >= 0 && --est.teacherStudents[c] >= inst.teacherMaxStudents[c]) est.overflow--;
  if (inst.studentIep[inst.groupStudent[g]] && --est.iepLoad[s] >= inst.secIepCapacity[s]) est.overflow--;
}

/** What one more seat in s costs a student now: est.overflowCost per limit it would go over. */
export function seatPrice(
  inst: BuildInstance,
  est: LoadEstimate,
  state: ScheduleState,
  s: number,
  iep: number,
): number {
  let over = est.load[s] >= state.effCapacity[s] ? 1 : 0;
  const t = state.teacher[s];
  if (t >= 0 && est.teacherStudents[t] >= inst.teacherMaxStudents[t]) over++;
  const c = state.coTeacher[s];
  if (c >= 0 && est.teacherStudents[c] >= inst.teacherMaxStudents[c]) over++;
  if (!hasIepSeat(inst.secIepCapacity, est.iepLoad[s], s, iep === 1)) over++;
  return over * est.overflowCost;
}
