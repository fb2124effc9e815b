import {
  beginPosition,
  createScheduleSearch,
  endPosition,
  IGNORE_LOADS,
  offerCandidate,
  resetSearch,
  runScheduleSearch,
  type ScheduleSearch,
} from "../construct/schedule-search.ts";
import type { Instance } from "../instance/instance.ts";
import type { LoadState } from "../load/load-state.ts";

/**
 * The ceilings of a load yet to start (Ceilings): loadInstance takes them instead of computing
 * its own, and the time bound before the load takes the students they settle (everyGroup).
 */
export interface Ceilings {
  /** Each student's ceiling (studentCeilings). */
  values: Float64Array;
  /**
   * 1 for a student with no pinned enrollment whose best schedule meets every group with a
   * section open to it: their time bound is then every primary group with a section open
   * (bounds/time-bound.ts), with no search of its own.
   */
  everyGroup: Uint8Array;
  /** The work units (ScheduleSearch.work) their searches cost, which the load counts as its own. */
  work: number;
}

/**
 * The most each student's schedule can be worth to them (the sum of the per-student search's
 * values of the requests met), seats, teachers' loads and avoid partners ignored: their pinned
 * enrollments and the best schedule of their other groups that fits their slots (lunch and
 * links kept). No load can give a student more, so a student already at their ceiling is no
 * use to a move aiming at them. Infinity when the search hits its node limit (not proven).
 * Exact per student by the loader's branch and bound; costs about one construction's searches.
 * Worked out on a search of their own, for the load and the time bound before it (Ceilings).
 */
export function studentCeilings(inst: Instance): Ceilings {
  const ws = createScheduleSearch(inst);
  ws.teacherLoad = IGNORE_LOADS;
  const values = new Float64Array(inst.nStudents);
  const everyGroup = new Uint8Array(inst.nStudents);
  for (let i = 0; i < inst.nStudents; i++) {
    values[i] = studentCeiling(ws, inst, i);
    everyGroup[i] = values[i] < Infinity && !hasPinned(inst, i) && everyPositionChosen(ws) ? 1 : 0;
  }
  return { values, everyGroup, work: ws.work };
}

/** Whether the last search chose a candidate at each of its positions (true when it had none). */
function everyPositionChosen(ws: ScheduleSearch): boolean {
  for (let p = 0; p < ws.nGroups; p++) if (ws.bestChoice[p] < 0) return false;
  return true;
}

/** Whether student i has a pinned enrollment. */
function hasPinned(inst: Instance, i: number): boolean {
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) if (isPinned(inst, g)) return true;
  return false;
}

function studentCeiling(ws: ScheduleSearch, inst: Instance, i: number): number {
  const g0 = inst.studentGroupStart[i];
  const g1 = inst.studentGroupStart[i + 1];
  let pinned = 0;
  let lo = 0;
  let hi = 0;
  resetSearch(ws, g1 - g0);
  for (let g = g0; g < g1; g++) {
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
      const s = inst.reqFixed[r];
      if (s < 0) continue;
      pinned += inst.reqValue[r];
      lo |= inst.secMaskLo[s];
      hi |= inst.secMaskHi[s];
      if (ws.pairRules === 1) ws.held[ws.nHeld++] = s;
      break;
    }
  }
  let examined = 0;
  for (let g = g0; g < g1; g++) {
    if (isPinned(inst, g)) continue;
    beginPosition(ws);
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        const s = inst.reqElig[e];
        examined++;
        if ((inst.secMaskLo[s] & lo) !== 0 || (inst.secMaskHi[s] & hi) !== 0) continue;
        offerCandidate(ws, r, s, inst.reqValue[r]);
      }
    }
    endPosition(ws, g);
  }
  ws.work += examined;
  const d = ws.nGroups;
  if (d === 0) return pinned;
  runScheduleSearch(ws, lo, hi);
  ws.work += ws.nodes * d;
  if (ws.nodes > ws.nodeLimit) return Infinity;
  return pinned + Math.max(0, Math.round(ws.best));
}

function isPinned(inst: Instance, g: number): boolean {
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) if (inst.reqFixed[r] >= 0) return true;
  return false;
}

/** What student i's met requests are worth to them (the search's values, without tie-breaks). */
export function studentValue(st: LoadState, i: number): number {
  const inst = st.instance;
  let value = 0;
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
    const r = st.groupMet[g];
    if (r >= 0) value += inst.reqValue[r];
  }
  return value;
}
