import { R_LINK_UNAVAILABLE } from "../constraints/link.ts";
import { keepsLunch, R_NO_LUNCH } from "../constraints/lunch.ts";
import { R_TEAM_FULL } from "../constraints/team.ts";
import { REASON_NONE, R_AVOID, R_LOCKED, R_NO_SEAT, R_PERIOD_CONFLICT, R_TRADED } from "../instance/reason-codes.ts";
import { hasSeat, partnerIn, type LoadState } from "./load-state.ts";
import { fitsSchedule } from "./seat-test.ts";

/**
 * Why each unmet group is unmet, read off the final load (not guessed): for every section open
 * to the group's requests, whether it is full (seats, room, IEP capacity or a teacher's load),
 * meets when the student is already in class, holds an avoid partner, would take the student's
 * last lunch period or break a link (v1.1). A full section of the student's team is team_full.
 * A locked request is
 * blocked by its locked section; a group with no open section keeps its compile-time reason.
 * Returns one code per group; REASON_NONE for met groups.
 */
export function unmetReasons(st: LoadState): Uint8Array {
  const inst = st.instance;
  const out = new Uint8Array(inst.nGroups).fill(REASON_NONE);
  for (let g = 0; g < inst.nGroups; g++) {
    if (st.groupMet[g] >= 0) continue;
    const i = inst.groupStudent[g];
    const r0 = inst.groupReqStart[g];
    const r1 = inst.groupReqStart[g + 1];
    if (inst.reqLocked[r0] !== -1) {
      out[g] = R_LOCKED;
      continue;
    }
    let open = 0;
    let withSeat = 0;
    let freeSlot = 0;
    let fits = 0;
    let team = false;
    for (let r = r0; r < r1; r++) {
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        const s = inst.reqElig[e];
        open++;
        if (inst.secTeam[s] >= 0) team = true;
        if (!hasSeat(st, s, i)) continue;
        withSeat++;
        if ((inst.secMaskLo[s] & st.stuLo[i]) !== 0 || (inst.secMaskHi[s] & st.stuHi[i]) !== 0) continue;
        if (partnerIn(st, s, i)) continue;
        freeSlot++;
        if (fitsSchedule(st, s, i)) fits++;
      }
    }
    if (open === 0) out[g] = inst.reqStaticReason[r0];
    else if (withSeat === 0) out[g] = team ? R_TEAM_FULL : R_NO_SEAT;
    else if (freeSlot === 0) out[g] = clashesOnly(st, g) ? R_PERIOD_CONFLICT : R_AVOID;
    else if (fits === 0) out[g] = lunchOnly(st, g) ? R_NO_LUNCH : R_LINK_UNAVAILABLE;
    else out[g] = R_TRADED;
  }
  return out;
}

/** True when every open section with a seat clashes with the student's classes (not only an avoid partner). */
function clashesOnly(st: LoadState, g: number): boolean {
  const inst = st.instance;
  const i = inst.groupStudent[g];
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      const s = inst.reqElig[e];
      if (!hasSeat(st, s, i)) continue;
      if ((inst.secMaskLo[s] & st.stuLo[i]) === 0 && (inst.secMaskHi[s] & st.stuHi[i]) === 0) return false;
    }
  }
  return true;
}

/** True when every open section with a seat and a free slot is refused for lunch (not only for a link). */
function lunchOnly(st: LoadState, g: number): boolean {
  const inst = st.instance;
  if (inst.lunchLo.length === 0) return false;
  const i = inst.groupStudent[g];
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      const s = inst.reqElig[e];
      if (!hasSeat(st, s, i) || partnerIn(st, s, i)) continue;
      if ((inst.secMaskLo[s] & st.stuLo[i]) !== 0 || (inst.secMaskHi[s] & st.stuHi[i]) !== 0) continue;
      if (keepsLunch(inst, st.stuLo[i] | inst.secMaskLo[s], st.stuHi[i] | inst.secMaskHi[s])) return false;
    }
  }
  return true;
}
