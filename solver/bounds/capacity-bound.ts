import type { Instance } from "../instance/instance.ts";
import { maxFlow } from "./max-flow.ts";
import { addSeatEdges, sectionSeats } from "./seat-layer.ts";

/**
 * Capacity bound on primary requests met (a primary counts as met when it or an alternate is),
 * in linear time: per course, no more than its seats (cut to teachers' loads) and no more than
 * the students asking only for it; a group with alternates counts once if any request is open.
 */
export function capacityBound(inst: Instance): number {
  const seats = new Float64Array(inst.nCourses);
  for (let s = 0; s < inst.nSections; s++) if (inst.secLoadable[s]) seats[inst.secCourse[s]] += sectionSeats(inst, s);
  const demand = new Float64Array(inst.nCourses);
  let flexible = 0;
  for (let g = 0; g < inst.nGroups; g++) {
    if (!inst.groupPrimary[g]) continue;
    const r0 = inst.groupReqStart[g];
    const r1 = inst.groupReqStart[g + 1];
    if (inst.reqEligStart[r1] === inst.reqEligStart[r0]) continue;
    if (r1 - r0 === 1) demand[inst.reqCourse[r0]]++;
    else flexible++;
  }
  let bound = flexible;
  for (let c = 0; c < inst.nCourses; c++) bound += Math.min(demand[c], seats[c]);
  return bound;
}

/**
 * The capacity bound made exact over seats (full quality; `counted` picks the groups that
 * count, by default the primary ones): the most groups that can get a seat at all, seats
 * being each section's capacity cut to its teachers' loads, ignoring timetables. A max flow from groups to sections; groups open to the
 * same sections are merged first, so the graph stays small.
 */
export function capacityFlowBound(
  inst: Instance,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
): number {
  const typeOf = new Map<number, number[]>();
  const typeCount: number[] = [];
  const typeSections: number[][] = [];
  const seen = new Int32Array(inst.nSections).fill(-1);
  for (let g = 0; g < inst.nGroups; g++) {
    if (!counted(g)) continue;
    const sections = groupSections(inst, g, seen);
    if (sections.length === 0) continue;
    // Groups open to the same sections are one type: hash, then compare on a collision.
    let hash = 2166136261;
    for (const s of sections) hash = Math.imul(hash ^ s, 16777619);
    let candidates = typeOf.get(hash);
    if (!candidates) typeOf.set(hash, (candidates = []));
    let t = candidates.find((k) => sameList(typeSections[k], sections));
    if (t === undefined) {
      t = typeCount.length;
      candidates.push(t);
      typeCount.push(0);
      typeSections.push(sections);
    }
    typeCount[t]++;
  }
  const nTypes = typeCount.length;
  // Nodes: source, types, sections, sink.
  const source = 0;
  const sink = 1 + nTypes + inst.nSections;
  const from: number[] = [];
  const to: number[] = [];
  const cap: number[] = [];
  for (let t = 0; t < nTypes; t++) {
    from.push(source);
    to.push(1 + t);
    cap.push(typeCount[t]);
    for (const s of typeSections[t]) {
      from.push(1 + t);
      to.push(1 + nTypes + s);
      cap.push(typeCount[t]);
    }
  }
  const teacherNodes = addSeatEdges(inst, { from, to, cap }, 1 + nTypes, sink, sink + 1);
  return maxFlow(sink + 1 + teacherNodes, from, to, cap, source, sink);
}

/** True when the two lists hold the same numbers in the same order. */
export function sameList(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The sections any request of group `g` may take, ascending, each once (`seen`: one slot per section, never holding `g` yet). */
export function groupSections(inst: Instance, g: number, seen: Int32Array): number[] {
  const sections: number[] = [];
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      const s = inst.reqElig[e];
      if (seen[s] === g) continue;
      seen[s] = g;
      sections.push(s);
    }
  }
  return sections.sort((a, b) => a - b);
}
