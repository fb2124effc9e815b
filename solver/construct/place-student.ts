import type { LoadState } from "../load/load-state.ts";
import { assignRequest, hasSeat, unassignRequest } from "../load/load-state.ts";
import { finishPosition, runScheduleSearch, type ScheduleSearch } from "./schedule-search.ts";

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
 */
export function placeStudent(ws: ScheduleSearch, st: LoadState, i: number): void {
  removeStudent(st, i);
  const inst = st.instance;
  const g0 = inst.studentGroupStart[i];
  const g1 = inst.studentGroupStart[i + 1];
  let open = 0;
  for (let g = g0; g < g1; g++) if (st.groupMet[g] < 0) open++;
  if (open === 0) return;
  const balanceScale = 1 / (open + 1);

  // Avoid partners' sections are closed to the student.
  const stamp = ++ws.stamp;
  for (let a = inst.avoidStart[i]; a < inst.avoidStart[i + 1]; a++) {
    const p = inst.avoidOther[a];
    for (let g = inst.studentGroupStart[p]; g < inst.studentGroupStart[p + 1]; g++) {
      const r = st.groupMet[g];
      if (r >= 0) ws.sectionMark[st.reqSec[r]] = stamp;
    }
  }

  const baseLo = st.stuLo[i];
  const baseHi = st.stuHi[i];
  ws.teacherLoad = st.teacherLoad;
  ws.nGroups = open;
  let d = 0;
  let c = 0;
  for (let g = g0; g < g1; g++) {
    if (st.groupMet[g] >= 0) continue;
    ws.candStart[d] = c;
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
      const value = inst.reqValue[r];
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        const s = inst.reqElig[e];
        const lo = inst.secMaskLo[s];
        const hi = inst.secMaskHi[s];
        if ((lo & baseLo) !== 0 || (hi & baseHi) !== 0) continue;
        if (ws.sectionMark[s] === stamp) continue;
        if (!hasSeat(st, s, i)) continue;
        const cap = inst.secCapacity[s];
        ws.candReq[c] = r;
        ws.candSec[c] = s;
        ws.candLo[c] = lo;
        ws.candHi[c] = hi;
        ws.candVal[c] = value + ((cap - st.secSize[s]) / cap) * balanceScale;
        c++;
      }
    }
    if (c === ws.candStart[d]) continue;
    ws.groupAt[d] = g;
    c = finishPosition(ws, d, c);
    d++;
  }
  ws.candStart[d] = c;
  ws.nGroups = d;
  if (d === 0) return;
  runScheduleSearch(ws, baseLo, baseHi);
  for (let k = 0; k < d; k++) {
    const pick = ws.bestChoice[k];
    if (pick >= 0) assignRequest(st, ws.candReq[pick], ws.candSec[pick]);
  }
}
