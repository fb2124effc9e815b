import type { BuildInstance } from "./build-instance.ts";
import { slotMaskHi, slotMaskLo } from "./slot-masks.ts";

/**
 * The master schedule being built: each section's period, teacher, co-teacher and room, and
 * the occupancy tables that keep every move within the hard constraints (a teacher or room in
 * one section per period per shared term). Mutated in place by occupy/vacate only.
 */
export interface ScheduleState {
  /** 1..nPeriods, 0 while unplaced. */
  period: Int8Array;
  /** Teacher, co-teacher and room indexes; -1 for none. Kept while a section is vacated. */
  teacher: Int32Array;
  coTeacher: Int32Array;
  room: Int32Array;
  /** Slots the section occupies now (slot = term * nPeriods + period - 1), 0 while unplaced. */
  maskLo: Int32Array;
  maskHi: Int32Array;
  /** min(section capacity, room capacity). */
  effCapacity: Int32Array;
  /** Term mask in use, per [teacher * nPeriods + period - 1] and [room * nPeriods + period - 1]. */
  teacherBusy: Int32Array;
  roomBusy: Int32Array;
  /** Sections a teacher has (as teacher or co-teacher), placed or not. */
  teacherLoad: Int32Array;
}

/** An empty schedule: no section placed, given teachers and rooms already held. */
export function emptySchedule(inst: BuildInstance): ScheduleState {
  const state: ScheduleState = {
    period: new Int8Array(inst.nSections),
    teacher: Int32Array.from(inst.secGivenTeacher),
    coTeacher: Int32Array.from(inst.secGivenCoTeacher),
    room: Int32Array.from(inst.secGivenRoom),
    maskLo: new Int32Array(inst.nSections),
    maskHi: new Int32Array(inst.nSections),
    effCapacity: Int32Array.from(inst.secCapacity),
    teacherBusy: new Int32Array(inst.nTeachers * inst.nPeriods),
    roomBusy: new Int32Array(inst.nRooms * inst.nPeriods),
    teacherLoad: new Int32Array(inst.nTeachers),
  };
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    if (state.teacher[s] >= 0) state.teacherLoad[state.teacher[s]]++;
    if (state.coTeacher[s] >= 0) state.teacherLoad[state.coTeacher[s]]++;
    state.effCapacity[s] = capacityIn(inst, s, state.room[s]);
  }
  return state;
}

/** A section's seats in a room: the smaller of the two capacities. */
export function capacityIn(inst: BuildInstance, s: number, room: number): number {
  return room < 0 ? inst.secCapacity[s] : Math.min(inst.secCapacity[s], inst.roomCapacity[room]);
}

/** True when teacher t may take a section of these terms from period p on, for `length` periods (constraint 10). */
export function teacherFree(
  inst: BuildInstance,
  state: ScheduleState,
  t: number,
  p: number,
  termMask: number,
  length = 1,
): boolean {
  if (p + length - 1 > inst.nPeriods) return false;
  for (let q = p; q < p + length; q++) {
    if (inst.teacherUnavailable[t] & (1 << (q - 1))) return false;
    if ((state.teacherBusy[t * inst.nPeriods + q - 1] & termMask) !== 0) return false;
  }
  return true;
}

/** True when room r is free from period p on, for `length` periods, in these terms. */
export function roomFree(
  inst: BuildInstance,
  state: ScheduleState,
  r: number,
  p: number,
  termMask: number,
  length = 1,
): boolean {
  if (p + length - 1 > inst.nPeriods) return false;
  for (let q = p; q < p + length; q++) if ((state.roomBusy[r * inst.nPeriods + q - 1] & termMask) !== 0) return false;
  return true;
}

/** Puts section s in period p with the given teacher, co-teacher and room (the caller checked they are free). */
export function occupy(
  inst: BuildInstance,
  state: ScheduleState,
  s: number,
  p: number,
  teacher: number,
  coTeacher: number,
  room: number,
): void {
  const terms = inst.secTermMask[s];
  setTeacher(state, s, teacher);
  setCoTeacher(state, s, coTeacher);
  state.room[s] = room;
  state.effCapacity[s] = capacityIn(inst, s, room);
  state.period[s] = p;
  // A section of length L takes its teachers and room in each of its L periods (constraint 10).
  const length = inst.secLength[s];
  for (let q = p - 1; q < p - 1 + length; q++) {
    if (teacher >= 0) state.teacherBusy[teacher * inst.nPeriods + q] |= terms;
    if (coTeacher >= 0) state.teacherBusy[coTeacher * inst.nPeriods + q] |= terms;
    if (room >= 0) state.roomBusy[room * inst.nPeriods + q] |= terms;
  }
  state.maskLo[s] = slotMaskLo(inst, terms, p, length);
  state.maskHi[s] = slotMaskHi(inst, terms, p, length);
}

/** Takes section s out of its period; it keeps its teacher, co-teacher and room for a later occupy. */
export function vacate(inst: BuildInstance, state: ScheduleState, s: number): void {
  const p = state.period[s];
  if (p === 0) return;
  const keep = ~inst.secTermMask[s];
  for (let q = p - 1; q < p - 1 + inst.secLength[s]; q++) {
    if (state.teacher[s] >= 0) state.teacherBusy[state.teacher[s] * inst.nPeriods + q] &= keep;
    if (state.coTeacher[s] >= 0) state.teacherBusy[state.coTeacher[s] * inst.nPeriods + q] &= keep;
    if (state.room[s] >= 0) state.roomBusy[state.room[s] * inst.nPeriods + q] &= keep;
  }
  state.period[s] = 0;
  state.maskLo[s] = 0;
  state.maskHi[s] = 0;
}

/** Changes a section's teacher, moving one section of load from the old teacher to the new. */
export function setTeacher(state: ScheduleState, s: number, t: number): void {
  const old = state.teacher[s];
  if (old === t) return;
  if (old >= 0) state.teacherLoad[old]--;
  if (t >= 0) state.teacherLoad[t]++;
  state.teacher[s] = t;
}

/** Changes a section's co-teacher, moving one section of load as setTeacher does. */
export function setCoTeacher(state: ScheduleState, s: number, t: number): void {
  const old = state.coTeacher[s];
  if (old === t) return;
  if (old >= 0) state.teacherLoad[old]--;
  if (t >= 0) state.teacherLoad[t]++;
  state.coTeacher[s] = t;
}

/** Periods, teachers, co-teachers and rooms of every section: a schedule to come back to. */
export interface ScheduleSnapshot {
  period: Int8Array;
  teacher: Int32Array;
  coTeacher: Int32Array;
  room: Int32Array;
}

/** Copies the schedule's placements into `into` (allocated when not given). */
export function snapshotSchedule(state: ScheduleState, into?: ScheduleSnapshot): ScheduleSnapshot {
  if (!into) {
    return {
      period: state.period.slice(),
      teacher: state.teacher.slice(),
      coTeacher: state.coTeacher.slice(),
      room: state.room.slice(),
    };
  }
  into.period.set(state.period);
  into.teacher.set(state.teacher);
  into.coTeacher.set(state.coTeacher);
  into.room.set(state.room);
  return into;
}

/** Puts every section back as the snapshot has it (a schedule that was valid stays valid). */
export function restoreSchedule(inst: BuildInstance, state: ScheduleState, snapshot: ScheduleSnapshot): void {
  for (let s = 0; s < inst.nSections; s++) vacate(inst, state, s);
  for (let s = 0; s < inst.nSections; s++) {
    if (snapshot.period[s] > 0) {
      occupy(inst, state, s, snapshot.period[s], snapshot.teacher[s], snapshot.coTeacher[s], snapshot.room[s]);
    } else {
      setTeacher(state, s, snapshot.teacher[s]);
      setCoTeacher(state, s, snapshot.coTeacher[s]);
      state.room[s] = snapshot.room[s];
      state.effCapacity[s] = capacityIn(inst, s, snapshot.room[s]);
    }
  }
}
