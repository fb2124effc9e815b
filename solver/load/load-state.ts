import { hasIepSeat } from "../constraints/iep-capacity.ts";
import type { Instance } from "../instance/instance.ts";

/**
 * The loader's mutable state: who sits where, and every counter a hard constraint or the
 * objective needs, kept up to date by assignRequest/unassignRequest (the only writers).
 */
export interface LoadState {
  instance: Instance;
  /** Section of each request, -1 when unmet. */
  reqSec: Int32Array;
  /** The request meeting each group, -1 when unmet. */
  groupMet: Int32Array;
  /** Occupied (term, period) slots of each student. */
  stuLo: Int32Array;
  stuHi: Int32Array;
  /** Unmet groups of each student. */
  stuUnmet: Int32Array;
  secSize: Int32Array;
  secIep: Int32Array;
  teacherLoad: Int32Array;
  /** Seats of section s are members[memberStart[s] .. memberStart[s] + secSize[s]), holding request indexes. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Where request r sits inside members, -1 when unmet. */
  reqPos: Int32Array;
  /** Objective counters: groups met per level, alternates used, students with every group met, balance; primary groups met. */
  levelMet: Int32Array;
  counters: { altUsed: number; full: number; balance: number; primaryMet: number };
}

/** An empty load: nobody placed (every student with groups counts as not full). */
export function createLoadState(instance: Instance): LoadState {
  const { nSections, nStudents, nRequests, nGroups } = instance;
  const memberStart = seatStarts(instance);
  const stuUnmet = new Int32Array(nStudents);
  let full = 0;
  for (let i = 0; i < nStudents; i++) {
    stuUnmet[i] = instance.studentGroupStart[i + 1] - instance.studentGroupStart[i];
    if (stuUnmet[i] === 0) full++;
  }
  return {
    instance,
    reqSec: new Int32Array(nRequests).fill(-1),
    groupMet: new Int32Array(nGroups).fill(-1),
    stuLo: new Int32Array(nStudents),
    stuHi: new Int32Array(nStudents),
    stuUnmet,
    secSize: new Int32Array(nSections),
    secIep: new Int32Array(nSections),
    teacherLoad: new Int32Array(instance.nTeachers),
    memberStart,
    members: new Int32Array(memberStart[nSections]),
    reqPos: new Int32Array(nRequests).fill(-1),
    levelMet: new Int32Array(instance.nLevels),
    counters: { altUsed: 0, full, balance: 0, primaryMet: 0 },
  };
}

/**
 * Where each section's seats start in LoadState.members: its capacity, and room for the pinned
 * enrollments, which may exceed it. A function of its own: V8 compiled its loop over the
 * requests while it ran (OSR), createLoadState whole, and threw that code away at the loops
 * after it, which had never run.
 */
function seatStarts(instance: Instance): Int32Array {
  const { nSections, nRequests } = instance;
  const memberStart = new Int32Array(nSections + 1);
  const extra = new Int32Array(nSections);
  for (let r = 0; r < nRequests; r++) if (instance.reqFixed[r] >= 0) extra[instance.reqFixed[r]]++;
  for (let s = 0; s < nSections; s++) memberStart[s + 1] = memberStart[s] + instance.secCapacity[s] + extra[s];
  return memberStart;
}

/** Balance cost of a section holding `size` of `capacity` seats: convex, so even fill is cheapest. */
export function balanceCost(size: number, capacity: number): number {
  return Math.floor((size * size * 1024) / (capacity > 0 ? capacity : 1));
}

/** Seats request r's student in section s (the caller has checked feasibility). */
export function assignRequest(st: LoadState, r: number, s: number): void {
  const inst = st.instance;
  const g = inst.reqGroup[r];
  const i = inst.reqStudent[r];
  st.reqSec[r] = s;
  st.groupMet[g] = r;
  st.stuLo[i] |= inst.secMaskLo[s];
  st.stuHi[i] |= inst.secMaskHi[s];
  const size = st.secSize[s];
  const cap = inst.secCapacity[s];
  st.counters.balance += balanceCost(size + 1, cap) - balanceCost(size, cap);
  st.members[st.memberStart[s] + size] = r;
  st.reqPos[r] = st.memberStart[s] + size;
  st.secSize[s] = size + 1;
  if (inst.studentIep[i]) st.secIep[s]++;
  const t = inst.secTeacher[s];
  const u = inst.secCoTeacher[s];
  if (t >= 0) st.teacherLoad[t]++;
  if (u >= 0 && u !== t) st.teacherLoad[u]++;
  st.levelMet[inst.groupLevel[g]]++;
  if (inst.groupPrimary[g]) st.counters.primaryMet++;
  if (inst.reqAltRank[r] > 0) st.counters.altUsed++;
  if (--st.stuUnmet[i] === 0) st.counters.full++;
}

/** Takes request r's student out of its section. */
export function unassignRequest(st: LoadState, r: number): void {
  const inst = st.instance;
  const s = st.reqSec[r];
  if (s < 0) return;
  const g = inst.reqGroup[r];
  const i = inst.reqStudent[r];
  st.reqSec[r] = -1;
  st.groupMet[g] = -1;
  st.stuLo[i] &= ~inst.secMaskLo[s];
  st.stuHi[i] &= ~inst.secMaskHi[s];
  const size = st.secSize[s] - 1;
  const cap = inst.secCapacity[s];
  st.counters.balance += balanceCost(size, cap) - balanceCost(size + 1, cap);
  const pos = st.reqPos[r];
  const last = st.members[st.memberStart[s] + size];
  st.members[pos] = last;
  st.reqPos[last] = pos;
  st.reqPos[r] = -1;
  st.secSize[s] = size;
  if (inst.studentIep[i]) st.secIep[s]--;
  const t = inst.secTeacher[s];
  const u = inst.secCoTeacher[s];
  if (t >= 0) st.teacherLoad[t]--;
  if (u >= 0 && u !== t) st.teacherLoad[u]--;
  st.levelMet[inst.groupLevel[g]]--;
  if (inst.groupPrimary[g]) st.counters.primaryMet--;
  if (inst.reqAltRank[r] > 0) st.counters.altUsed--;
  if (st.stuUnmet[i]++ === 0) st.counters.full--;
}

/**
 * Puts seated request r last among its section's members, as taking it out and seating it
 * again would (unassignRequest fills r's place with the last member, assignRequest appends
 * r), every counter unchanged.
 */
export function moveToLastSeat(st: LoadState, r: number): void {
  const s = st.reqSec[r];
  const pos = st.reqPos[r];
  const lastPos = st.memberStart[s] + st.secSize[s] - 1;
  const last = st.members[lastPos];
  st.members[pos] = last;
  st.reqPos[last] = pos;
  st.members[lastPos] = r;
  st.reqPos[r] = lastPos;
}

/** True when section s has a seat for student i: capacity, IEP capacity and both teachers' loads. */
export function hasSeat(st: LoadState, s: number, i: number): boolean {
  const inst = st.instance;
  if (st.secSize[s] >= inst.secCapacity[s]) return false;
  if (!hasIepSeat(inst.secIepCapacity, st.secIep[s], s, inst.studentIep[i] === 1)) return false;
  const t = inst.secTeacher[s];
  if (t >= 0 && st.teacherLoad[t] >= inst.teacherMaxStudents[t]) return false;
  const u = inst.secCoTeacher[s];
  if (u >= 0 && u !== t && st.teacherLoad[u] >= inst.teacherMaxStudents[u]) return false;
  return true;
}

/** True when one of student i's avoid partners sits in section s. */
export function partnerIn(st: LoadState, s: number, i: number): boolean {
  const inst = st.instance;
  const course = inst.secCourse[s];
  for (let a = inst.avoidStart[i]; a < inst.avoidStart[i + 1]; a++) {
    const p = inst.avoidOther[a];
    for (let g = inst.studentGroupStart[p]; g < inst.studentGroupStart[p + 1]; g++) {
      const r = st.groupMet[g];
      if (r >= 0 && inst.reqCourse[r] === course && st.reqSec[r] === s) return true;
    }
  }
  return false;
}
