import type { BuildInstance } from "./build-instance.ts";
import type { ScheduleState } from "./schedule-state.ts";

/**
 * The time bound of a schedule: summed over students, the most primary requests (each met by its
 * course or an alternate) that can be given sections in pairwise distinct slots, seats ignored.
 * Equal to the number of primary requests exactly when no student has an unavoidable conflict. Exact up to `nodeLimit` search nodes per student
 * (beyond it, the best found so far: a lower value than the true bound).
 */
export function timeBound(inst: BuildInstance, state: ScheduleState, nodeLimit = 200_000): number {
  let total = 0;
  const groups: number[] = [];
  for (let i = 0; i < inst.nStudents; i++) {
    groups.length = 0;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!inst.groupPrimary[g]) continue;
      let options = 0;
      for (let o = inst.groupOptStart[g]; o < inst.groupOptStart[g + 1]; o++)
        if (state.period[inst.groupOpt[o]] > 0) options++;
      if (options > 0) groups.push(g);
    }
    groups.sort((a, b) => optionCount(inst, state, a) - optionCount(inst, state, b));
    let best = 0;
    let nodes = 0;
    const descend = (depth: number, lo: number, hi: number, met: number): void => {
      if (met + (groups.length - depth) <= best || nodes > nodeLimit) return;
      if (depth === groups.length) {
        best = met;
        return;
      }
      nodes++;
      const g = groups[depth];
      // Sections in the same slots lead to the same subtree.
      const tried: number[] = [];
      for (let o = inst.groupOptStart[g]; o < inst.groupOptStart[g + 1]; o++) {
        const s = inst.groupOpt[o];
        if (state.period[s] === 0 || (state.maskLo[s] & lo) !== 0 || (state.maskHi[s] & hi) !== 0) continue;
        let repeat = false;
        for (let e = 0; e < tried.length; e += 2)
          if (tried[e] === state.maskLo[s] && tried[e + 1] === state.maskHi[s]) repeat = true;
        if (repeat) continue;
        tried.push(state.maskLo[s], state.maskHi[s]);
        descend(depth + 1, lo | state.maskLo[s], hi | state.maskHi[s], met + 1);
        if (best === groups.length) return;
      }
      descend(depth + 1, lo, hi, met);
    };
    descend(0, 0, 0, 0);
    total += best;
  }
  return total;
}

/** Placed sections a group can use. */
function optionCount(inst: BuildInstance, state: ScheduleState, g: number): number {
  let n = 0;
  for (let o = inst.groupOptStart[g]; o < inst.groupOptStart[g + 1]; o++) if (state.period[inst.groupOpt[o]] > 0) n++;
  return n;
}
