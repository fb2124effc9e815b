import {
  beginPosition,
  createScheduleSearch,
  endPosition,
  resetSearch,
  runScheduleSearch,
} from "../construct/schedule-search.ts";
import type { Instance } from "../instance/instance.ts";

/**
 * Time bound on primary requests met: per student, the most primary groups that fit in
 * distinct (term, period) slots of their open sections, seats ignored — exact per student by
 * the same branch and bound as the loader (a student whose search hits the node limit counts
 * every group with an open section, still an upper bound). `counted` picks the groups that
 * count (by default the primary ones).
 */
export function timeBound(inst: Instance, counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1): number {
  return studentTimeBounds(inst, counted).reduce((sum, n) => sum + n, 0);
}

/**
 * The time bound of each student (see timeBound): the most counted groups that fit in their slots.
 * `everyGroup` (improve/schedule-ceiling.ts, Ceilings) marks students already known to fit
 * every group with a section open, pins aside: with no linked sections, whose pairs a
 * section's slots do not decide, each of them gets all of their counted groups with a section
 * open without a search (the search offers one section per slot mask, and lunch only asks
 * for free slots, which fewer groups leave). On the high-school preset that is 2,999 of 3,000
 * students (district-small: 19,398 of 19,743; the district: 644,473 of 683,132), whose searches
 * the ceilings had just made.
 */
export function studentTimeBounds(
  inst: Instance,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
  everyGroup?: Uint8Array,
): Int32Array {
  const perStudent = new Int32Array(inst.nStudents);
  const ws = createScheduleSearch(inst);
  ws.nodeLimit = 200000;
  const { groupReqStart, reqEligStart, reqElig, secMaskId } = inst;
  const { maskEpoch, candReq, candSec, candVal } = ws;
  const settled = everyGroup !== undefined && inst.nLinks === 0 ? everyGroup : undefined;
  for (let i = 0; i < inst.nStudents; i++) {
    const g0 = inst.studentGroupStart[i];
    const g1 = inst.studentGroupStart[i + 1];
    if (settled !== undefined && settled[i] === 1) {
      perStudent[i] = openGroups(inst, g0, g1, counted);
      continue;
    }
    resetSearch(ws, g1 - g0);
    for (let g = g0; g < g1; g++) {
      if (!counted(g)) continue;
      beginPosition(ws);
      // Seats are ignored, so only the slots matter: one candidate per distinct slot mask.
      const epoch = ws.epoch;
      let fill = ws.fill;
      for (let r = groupReqStart[g]; r < groupReqStart[g + 1]; r++) {
        for (let e = reqEligStart[r]; e < reqEligStart[r + 1]; e++) {
          const s = reqElig[e];
          const m = secMaskId[s];
          if (maskEpoch[m] === epoch) continue;
          maskEpoch[m] = epoch;
          candReq[fill] = r;
          candSec[fill] = s;
          candVal[fill] = 1;
          fill++;
        }
      }
      ws.fill = fill;
      endPosition(ws, g);
    }
    const d = ws.nGroups;
    if (d === 0) continue;
    runScheduleSearch(ws, 0, 0);
    perStudent[i] = ws.nodes > ws.nodeLimit ? d : Math.round(ws.best);
  }
  return perStudent;
}

/** How many of the counted groups g0..g1-1 have a section open to one of their requests. */
function openGroups(inst: Instance, g0: number, g1: number, counted: (g: number) => boolean): number {
  const { groupReqStart, reqEligStart } = inst;
  let n = 0;
  for (let g = g0; g < g1; g++)
    if (counted(g) && reqEligStart[groupReqStart[g + 1]] > reqEligStart[groupReqStart[g]]) n++;
  return n;
}
