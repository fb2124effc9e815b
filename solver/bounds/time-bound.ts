import { beginPosition, createScheduleSearch, IGNORE_LOADS, endPosition, offerCandidate, resetSearch, runScheduleSearch } from "../construct/schedule-search.ts";
import type { Instance } from "../instance/instance.ts";

/**
 * Time bound on primary requests met: per student, the most primary groups that fit in
 * distinct (term, period) slots of their open sections, seats ignored — exact per student by
 * the same branch and bound as the loader (a student whose search hits the node limit counts
 * every group with an open section, still an upper bound).
 */
export function timeBound(inst: Instance): number {
  const ws = createScheduleSearch(inst);
  ws.teacherLoad = IGNORE_LOADS;
  ws.nodeLimit = 200000;
  let bound = 0;
  for (let i = 0; i < inst.nStudents; i++) {
    const g0 = inst.studentGroupStart[i];
    const g1 = inst.studentGroupStart[i + 1];
    resetSearch(ws, g1 - g0);
    for (let g = g0; g < g1; g++) {
      if (!inst.groupPrimary[g]) continue;
      beginPosition(ws);
      for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
        for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) offerCandidate(ws, r, inst.reqElig[e], 1);
      }
      endPosition(ws, g);
    }
    const d = ws.nGroups;
    if (d === 0) continue;
    runScheduleSearch(ws, 0, 0);
    bound += ws.nodes > ws.nodeLimit ? d : Math.round(ws.best);
  }
  return bound;
}
