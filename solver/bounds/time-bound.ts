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

/** The time bound of each student (see timeBound): the most counted groups that fit in their slots. */
export function studentTimeBounds(
  inst: Instance,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
): Int32Array {
  const perStudent = new Int32Array(inst.nStudents);
  const ws = createScheduleSearch(inst);
  ws.nodeLimit = 200000;
  const { groupReqStart, reqEligStart, reqElig, secMaskId } = inst;
  const { maskEpoch, candReq, candSec, candVal } = ws;
  for (let i = 0; i < inst.nStudents; i++) {
    const g0 = inst.studentGroupStart[i];
    const g1 = inst.studentGroupStart[i + 1];
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
