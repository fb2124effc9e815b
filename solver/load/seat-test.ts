import { linkCompatible } from "../constraints/link.ts";
import { keepsLunch } from "../constraints/lunch.ts";
import { hasSeat, partnerIn, type LoadState } from "./load-state.ts";

/**
 * The rules between a section and the rest of a student's schedule that the v1.1 constraints
 * add (solver/constraints): with section s, student i still keeps a lunch period free in
 * every term (13), and s is link-compatible with every section the student holds (12).
 */
export function fitsSchedule(st: LoadState, s: number, i: number): boolean {
  const inst = st.instance;
  if (inst.lunchLo.length > 0 && !keepsLunch(inst, st.stuLo[i] | inst.secMaskLo[s], st.stuHi[i] | inst.secMaskHi[s]))
    return false;
  if (inst.nLinks === 0) return true;
  const course = inst.secCourse[s];
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
    const r = st.groupMet[g];
    if (r < 0) continue;
    const other = st.reqSec[r];
    if (inst.secCourse[other] !== course && !linkCompatible(inst, s, other)) return false;
  }
  return true;
}

/** True when section s's slots are free in student i's schedule. */
export function slotsFree(st: LoadState, s: number, i: number): boolean {
  const inst = st.instance;
  return (inst.secMaskLo[s] & st.stuLo[i]) === 0 && (inst.secMaskHi[s] & st.stuHi[i]) === 0;
}

/**
 * The loader's whole seat test: student i may take open section s right now, beside everything
 * they hold: free slots, a seat (capacity, IEP capacity, teachers' loads), no avoid partner in
 * it, and the v1.1 rules of fitsSchedule.
 */
export function canTake(st: LoadState, s: number, i: number): boolean {
  return slotsFree(st, s, i) && hasSeat(st, s, i) && !partnerIn(st, s, i) && fitsSchedule(st, s, i);
}
