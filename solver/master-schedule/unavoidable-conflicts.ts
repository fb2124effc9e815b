import type { BuildInstance } from "./build-instance.ts";

/**
 * A lower bound on the primary requests that no master schedule can fit: per student and term,
 * the requests all of whose sections meet in that term, beyond the school's periods (a student
 * with nine year-long courses and eight periods loses one whatever the schedule). The time
 * bound of any placement is at most the primary requests minus this.
 */
export function unavoidableConflicts(inst: BuildInstance): number {
  let total = 0;
  const forced = new Int32Array(inst.nTerms);
  for (let i = 0; i < inst.nStudents; i++) {
    forced.fill(0);
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!inst.groupPrimary[g] || inst.groupOptStart[g + 1] === inst.groupOptStart[g]) continue;
      let terms = (1 << inst.nTerms) - 1;
      for (let o = inst.groupOptStart[g]; o < inst.groupOptStart[g + 1]; o++)
        terms &= inst.secTermMask[inst.groupOpt[o]];
      for (let t = 0; t < inst.nTerms; t++) if (terms & (1 << t)) forced[t]++;
    }
    let worst = 0;
    for (let t = 0; t < inst.nTerms; t++) worst = Math.max(worst, forced[t] - inst.nPeriods);
    total += worst;
  }
  return total;
}
