import type { BuildInstance } from "./build-instance.ts";
import { roomFree, teacherFree, type ScheduleState } from "./schedule-state.ts";
import { slotMaskHi, slotMaskLo } from "./slot-masks.ts";

/** The teacher, co-teacher and room a section would have in a period (-1 = none). */
export interface Resources {
  teacher: number;
  coTeacher: number;
  room: number;
}

/** A fresh Resources to reuse across calls (the search allocates nothing per move). */
export function newResources(): Resources {
  return { teacher: -1, coTeacher: -1, room: -1 };
}

/**
 * Finds a teacher, co-teacher and room for the vacated section s in period p, keeping its current
 * ones where they are free; given ones are never replaced. Writes `out`; false when none fit, or
 * when p is not a period s may start in: a section of length L ends within the day (constraint
 * 10), and one whose period the builder chooses never meets with a section linked to it
 * (constraint 12: a student takes the link whole).
 */
export function chooseResources(
  inst: BuildInstance,
  state: ScheduleState,
  s: number,
  p: number,
  out: Resources,
): boolean {
  const terms = inst.secTermMask[s];
  const length = inst.secLength[s];
  if (p + length - 1 > inst.nPeriods) return false;
  if (
    inst.secLinkedStart[s] < inst.secLinkedStart[s + 1] &&
    inst.secGivenPeriod[s] === 0 &&
    meetsLinked(inst, state, s, p)
  )
    return false;
  const teacher = pickTeacher(
    inst,
    state,
    s,
    p,
    terms,
    state.teacher[s],
    inst.secNeedsTeacher[s] === 1,
    inst.secTeacherPoolStart,
    inst.secTeacherPool,
    state.coTeacher[s] >= 0 && !inst.secNeedsCoTeacher[s] ? state.coTeacher[s] : -1,
  );
  if (teacher === -2) return false;
  const coTeacher = pickTeacher(
    inst,
    state,
    s,
    p,
    terms,
    state.coTeacher[s],
    inst.secNeedsCoTeacher[s] === 1,
    inst.secCoPoolStart,
    inst.secCoPool,
    teacher,
  );
  if (coTeacher === -2) return false;
  const room = pickRoom(inst, state, s, p, terms);
  if (room === -2) return false;
  out.teacher = teacher;
  out.coTeacher = coTeacher;
  out.room = room;
  return true;
}

/** The current teacher if free, else the least-loaded free one of the pool; -2 when none. */
function pickTeacher(
  inst: BuildInstance,
  state: ScheduleState,
  s: number,
  p: number,
  terms: number,
  current: number,
  choose: boolean,
  poolStart: Int32Array,
  pool: Int32Array,
  exclude: number,
): number {
  const length = inst.secLength[s];
  if (current >= 0 && current !== exclude && teacherFree(inst, state, current, p, terms, length)) return current;
  if (!choose) return current >= 0 ? -2 : -1;
  let best = -2;
  let bestLoad = Infinity;
  for (let k = poolStart[s]; k < poolStart[s + 1]; k++) {
    const t = pool[k];
    if (t === exclude || t === current) continue;
    const load = state.teacherLoad[t];
    if (load >= inst.teacherMaxSections[t] || load >= bestLoad) continue;
    if (!teacherFree(inst, state, t, p, terms, length)) continue;
    best = t;
    bestLoad = load;
  }
  return best;
}

/** The current room if free and big enough, else the smallest free room that seats the section, else the largest free one; -2 when none. */
function pickRoom(inst: BuildInstance, state: ScheduleState, s: number, p: number, terms: number): number {
  const current = state.room[s];
  const length = inst.secLength[s];
  if (!inst.secNeedsRoom[s]) return current < 0 ? -1 : roomFree(inst, state, current, p, terms, length) ? current : -2;
  const need = inst.secCapacity[s];
  if (current >= 0 && inst.roomCapacity[current] >= need && roomFree(inst, state, current, p, terms, length))
    return current;
  let fit = -1;
  let largest = -1;
  for (let r = 0; r < inst.nRooms; r++) {
    if (!roomFree(inst, state, r, p, terms, length)) continue;
    const capacity = inst.roomCapacity[r];
    if (capacity >= need) {
      if (fit < 0 || capacity < inst.roomCapacity[fit]) fit = r;
    } else if (largest < 0 || capacity > inst.roomCapacity[largest]) {
      largest = r;
    }
  }
  if (fit >= 0) return fit;
  return largest >= 0 ? largest : -2;
}

/** True when s in period p would share a slot with a placed section linked to it. */
function meetsLinked(inst: BuildInstance, state: ScheduleState, s: number, p: number): boolean {
  const lo = slotMaskLo(inst, inst.secTermMask[s], p, inst.secLength[s]);
  const hi = slotMaskHi(inst, inst.secTermMask[s], p, inst.secLength[s]);
  for (let k = inst.secLinkedStart[s]; k < inst.secLinkedStart[s + 1]; k++) {
    const b = inst.secLinked[k];
    if ((state.maskLo[b] & lo) !== 0 || (state.maskHi[b] & hi) !== 0) return true;
  }
  return false;
}
