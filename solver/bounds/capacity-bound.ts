import type { Instance } from "../instance/instance.ts";

/**
 * Capacity bound on primary requests met (a primary counts as met when it or an alternate is):
 * per course, no more than its seats (each section's capacity, cut to its teachers' loads) and
 * no more than the students asking only for it; a group with alternates counts once if any of
 * its requests has an open section. Linear in the instance.
 */
export function capacityBound(inst: Instance): number {
  const seats = new Float64Array(inst.nCourses);
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secLoadable[s]) continue;
    let cap = inst.secCapacity[s];
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    if (t >= 0) cap = Math.min(cap, inst.teacherMaxStudents[t]);
    if (u >= 0) cap = Math.min(cap, inst.teacherMaxStudents[u]);
    seats[inst.secCourse[s]] += cap;
  }
  const demand = new Float64Array(inst.nCourses);
  let flexible = 0;
  for (let g = 0; g < inst.nGroups; g++) {
    if (!inst.groupPrimary[g]) continue;
    const r0 = inst.groupReqStart[g];
    const r1 = inst.groupReqStart[g + 1];
    let open = 0;
    for (let r = r0; r < r1; r++) if (inst.reqEligStart[r + 1] > inst.reqEligStart[r]) open++;
    if (open === 0) continue;
    if (r1 - r0 === 1) demand[inst.reqCourse[r0]]++;
    else flexible++;
  }
  let bound = flexible;
  for (let c = 0; c < inst.nCourses; c++) bound += Math.min(demand[c], seats[c]);
  return bound;
}
