import type { LoadState } from "../load/load-state.ts";
import { assignRequest, unassignRequest } from "../load/load-state.ts";
import { hasIepSeat } from "../constraints/iep-capacity.ts";
import { nextFloat } from "../load/seeded-random.ts";
import { fitsSchedule } from "../load/seat-test.ts";
import {
  beginPosition,
  endPosition,
  hasSlack,
  resetSearch,
  runScheduleSearch,
  type ScheduleSearch,
} from "./schedule-search.ts";

/** Takes student i out of every section except pinned ones. */
export function removeStudent(st: LoadState, i: number): void {
  const inst = st.instance;
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
    const r = st.groupMet[g];
    if (r >= 0 && inst.reqFixed[r] < 0) unassignRequest(st, r);
  }
}

/**
 * Gives student i the best schedule the other students leave room for: every open group of the
 * student (not met by a pinned enrollment) is re-decided by the exact per-student search, with
 * capacity, IEP capacity, teacher loads, avoid partners and slots of the current state.
 * Within a value, emptier sections are preferred (relative fill), which balances the course.
 * The search stops as soon as the schedule is worth `enough` to the student (a move's other
 * students only need back what they had) or their ceiling (ws.ceilings), when known.
 */
export function placeStudent(ws: ScheduleSearch, st: LoadState, i: number, enough = Infinity): void {
  removeStudent(st, i);
  const inst = st.instance;
  const g0 = inst.studentGroupStart[i];
  const g1 = inst.studentGroupStart[i + 1];
  let open = 0;
  for (let g = g0; g < g1; g++) if (st.groupMet[g] < 0) open++;
  if (open === 0) return;
  // Tie-breaks below one unit in total: emptier sections (balance) and, when the search asks
  // for it, a little noise so that repeated placements explore different equal schedules.
  const balanceScale = 0.5 / (open + 1);
  // Divided even when 0: a division first reached by the moves (the only noisy searches) had no
  // type feedback in the placeStudent compiled for the construction, and cost a recompile.
  const noise = ws.noise / (open + 1);

  const stamp = markAvoidedSections(ws, st, i);

  const baseLo = st.stuLo[i];
  const baseHi = st.stuHi[i];
  ws.teacherLoad = st.teacherLoad;
  resetSearch(ws, open);
  // The sections the student keeps: candidates must keep lunch and links with them (v1.1).
  const pairRules = ws.pairRules === 1;
  if (pairRules) {
    for (let g = g0; g < g1; g++) if (st.groupMet[g] >= 0) ws.held[ws.nHeld++] = st.reqSec[st.groupMet[g]];
  }
  // Locals for the hot loop: every open section of every open group is looked at. Candidates
  // are offered inline (as offerCandidate does): among sections with the same slots only the
  // best is kept, unless a teacher's remaining load could block it.
  const {
    reqEligStart,
    reqElig,
    reqValue,
    secMaskLo,
    secMaskHi,
    secMaskId,
    secCapacity,
    secIepCapacity,
    secTeacher,
    secCoTeacher,
  } = inst;
  const { teacherMaxStudents, groupReqStart } = inst;
  const { secSize, secIep, teacherLoad } = st;
  const { sectionMark: mark, maskEpoch, maskCand, candReq, candSec, candVal } = ws;
  const iep = inst.studentIep[i] === 1;
  let examined = 0;
  for (let g = g0; g < g1; g++) {
    if (st.groupMet[g] >= 0) continue;
    examined += reqEligStart[groupReqStart[g + 1]] - reqEligStart[groupReqStart[g]];
    beginPosition(ws);
    const epoch = ws.epoch;
    let fill = ws.fill;
    for (let r = groupReqStart[g]; r < groupReqStart[g + 1]; r++) {
      const value = reqValue[r];
      const e1 = reqEligStart[r + 1];
      for (let e = reqEligStart[r]; e < e1; e++) {
        const s = reqElig[e];
        if ((secMaskLo[s] & baseLo) !== 0 || (secMaskHi[s] & baseHi) !== 0 || mark[s] === stamp) continue;
        const cap = secCapacity[s];
        const size = secSize[s];
        if (size >= cap || !hasIepSeat(secIepCapacity, secIep[s], s, iep)) continue;
        const t = secTeacher[s];
        const u = secCoTeacher[s];
        if (!hasSlack(teacherMaxStudents, teacherLoad, t, 1) || !hasSlack(teacherMaxStudents, teacherLoad, u, 1))
          continue;
        if (pairRules && !fitsSchedule(st, s, i)) continue;
        let v = value + ((cap - size) / cap) * balanceScale;
        if (noise > 0) v += noise * nextFloat(ws.rng);
        const m = secMaskId[s];
        const dedupe =
          hasSlack(teacherMaxStudents, teacherLoad, t, open) && hasSlack(teacherMaxStudents, teacherLoad, u, open);
        if (dedupe && maskEpoch[m] === epoch) {
          const c = maskCand[m];
          if (v > candVal[c]) {
            candReq[c] = r;
            candSec[c] = s;
            candVal[c] = v;
          }
          continue;
        }
        const c = fill++;
        candReq[c] = r;
        candSec[c] = s;
        candVal[c] = v;
        if (dedupe) {
          maskEpoch[m] = epoch;
          maskCand[m] = c;
        }
      }
    }
    ws.fill = fill;
    endPosition(ws, g);
  }
  const d = ws.nGroups;
  ws.work += examined;
  if (d === 0) return;
  const cap = Math.min(enough, ws.ceilings.length > 0 ? ws.ceilings[i] : Infinity);
  if (cap < Infinity) {
    let held = 0;
    for (let g = g0; g < g1; g++) if (st.groupMet[g] >= 0) held += inst.reqValue[st.groupMet[g]];
    ws.targetCap = cap - held;
  }
  runScheduleSearch(ws, baseLo, baseHi);
  ws.targetCap = Infinity;
  ws.work += ws.nodes * d;
  for (let k = 0; k < d; k++) {
    const pick = ws.bestChoice[k];
    if (pick >= 0) assignRequest(st, ws.candReq[pick], ws.candSec[pick]);
  }
}

/**
 * Marks the sections student i's avoid partners sit in (ws.sectionMark) with a fresh stamp and
 * returns it: those sections are closed to i.
 */
export function markAvoidedSections(ws: ScheduleSearch, st: LoadState, i: number): number {
  const inst = st.instance;
  const stamp = ++ws.stamp;
  for (let a = inst.avoidStart[i]; a < inst.avoidStart[i + 1]; a++) {
    const p = inst.avoidOther[a];
    for (let g = inst.studentGroupStart[p]; g < inst.studentGroupStart[p + 1]; g++) {
      const r = st.groupMet[g];
      if (r >= 0) ws.sectionMark[st.reqSec[r]] = stamp;
    }
  }
  return stamp;
}
