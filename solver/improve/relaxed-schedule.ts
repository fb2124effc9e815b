import { mostGroupsPerStudent } from "../instance/instance.ts";
import { markAvoidedSections, removeStudent } from "../construct/place-student.ts";
import {
  beginPosition,
  endPosition,
  IGNORE_LOADS,
  offerCandidate,
  resetSearch,
  runScheduleSearch,
  type ScheduleSearch,
} from "../construct/schedule-search.ts";
import { assignRequest, hasSeat, type LoadState } from "../load/load-state.ts";
import { fitsSchedule } from "../load/seat-test.ts";
import { studentValue } from "./schedule-ceiling.ts";

/**
 * Buffers of the relaxed schedule, allocated once per run: the student's seats while they are
 * taken out for the search, and the full sections of the schedule found.
 */
export interface RelaxedSchedule {
  savedReq: Int32Array;
  savedSec: Int32Array;
  /** The full sections of the last relaxed schedule, [0, nFull). */
  fullSec: Int32Array;
  nFull: number;
}

/**
 * Value a full section's candidate loses: below one unit (the least a group is worth to its
 * student), so a schedule meeting one more group with a seat or two to free still beats the
 * current one, and a section with a seat always beats a full one.
 */
const FULL_PENALTY = 0.9;
/** Most full sections a relaxed schedule may need: a move frees a seat in each. */
const MAX_FULL = 3;
/** Node limit of the search (the best schedule found is kept). */
const NODE_LIMIT = 400;

/** Buffers for relaxed schedules on `st`. */
export function createRelaxedSchedule(st: LoadState): RelaxedSchedule {
  const inst = st.instance;
  const maxGroups = mostGroupsPerStudent(inst);
  return {
    savedReq: new Int32Array(maxGroups),
    savedSec: new Int32Array(maxGroups),
    fullSec: new Int32Array(maxGroups),
    nFull: 0,
  };
}

/**
 * Student i's best schedule if full sections had a seat for them, each such seat costing
 * FULL_PENALTY (teachers' loads ignored too; slots, avoid partners, lunch and links kept): the
 * full sections it uses go to rs.fullSec. Returns their count, or -1 when no such schedule with
 * at most MAX_FULL of them is worth more to the student than what they hold (then no move
 * around the student can do better for them). The state is left as it was.
 */
export function relaxedSchedule(ws: ScheduleSearch, st: LoadState, rs: RelaxedSchedule, i: number): number {
  const inst = st.instance;
  const g0 = inst.studentGroupStart[i];
  const g1 = inst.studentGroupStart[i + 1];
  const current = studentValue(st, i);
  let nSaved = 0;
  for (let g = g0; g < g1; g++) {
    const r = st.groupMet[g];
    if (r < 0 || inst.reqFixed[r] >= 0) continue;
    rs.savedReq[nSaved] = r;
    rs.savedSec[nSaved] = st.reqSec[r];
    nSaved++;
  }
  removeStudent(st, i);
  let open = 0;
  for (let g = g0; g < g1; g++) if (st.groupMet[g] < 0) open++;
  // Avoid partners' sections are closed to the student.
  const stamp = markAvoidedSections(ws, st, i);
  const baseLo = st.stuLo[i];
  const baseHi = st.stuHi[i];
  const teacherLoad = ws.teacherLoad;
  ws.teacherLoad = IGNORE_LOADS;
  resetSearch(ws, open);
  const pairRules = ws.pairRules === 1;
  if (pairRules) for (let g = g0; g < g1; g++) if (st.groupMet[g] >= 0) ws.held[ws.nHeld++] = st.reqSec[st.groupMet[g]];
  let examined = 0;
  for (let g = g0; g < g1; g++) {
    if (st.groupMet[g] >= 0) continue;
    beginPosition(ws);
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        const s = inst.reqElig[e];
        examined++;
        if ((inst.secMaskLo[s] & baseLo) !== 0 || (inst.secMaskHi[s] & baseHi) !== 0) continue;
        if (ws.sectionMark[s] === stamp || (pairRules && !fitsSchedule(st, s, i))) continue;
        offerCandidate(ws, r, s, inst.reqValue[r] - (hasSeat(st, s, i) ? 0 : FULL_PENALTY));
      }
    }
    endPosition(ws, g);
  }
  ws.work += examined;
  let value = 0;
  rs.nFull = 0;
  const d = ws.nGroups;
  if (d > 0) {
    const nodeLimit = ws.nodeLimit;
    ws.nodeLimit = NODE_LIMIT;
    runScheduleSearch(ws, baseLo, baseHi, false);
    ws.nodeLimit = nodeLimit;
    ws.work += ws.nodes * d;
    for (let k = 0; k < d; k++) {
      const c = ws.bestChoice[k];
      if (c < 0) continue;
      value += inst.reqValue[ws.candReq[c]];
      if (!hasSeat(st, ws.candSec[c], i)) rs.fullSec[rs.nFull++] = ws.candSec[c];
    }
  }
  ws.teacherLoad = teacherLoad;
  for (let k = 0; k < nSaved; k++) assignRequest(st, rs.savedReq[k], rs.savedSec[k]);
  return value + pinnedValue(st, i) > current && rs.nFull <= MAX_FULL ? rs.nFull : -1;
}

/** What student i's pinned enrollments are worth to them. */
function pinnedValue(st: LoadState, i: number): number {
  const inst = st.instance;
  let value = 0;
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
    const r = st.groupMet[g];
    if (r >= 0 && inst.reqFixed[r] >= 0) value += inst.reqValue[r];
  }
  return value;
}
