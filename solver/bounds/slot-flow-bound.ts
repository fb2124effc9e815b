import type { Instance } from "../instance/instance.ts";
import { maxFlow } from "./max-flow.ts";
import { addSeatEdges } from "./seat-layer.ts";

/**
 * Seats, groups and the student's slots in one max flow: each student sends at most their time
 * bound (`studentTime`), each group at most one class, into one of the student's slots (one
 * class each), and from a slot to a seat of a section meeting there that one of the student's
 * groups may take. Any roster is such a flow (a class goes through the first slot of its
 * section), so this bounds the primary groups met. Where the seat-and-time flow lets a student
 * keep a class in any period, this one counts, period by period, the seats there: a grade
 * whose students need every period (six classes in six periods) loses a class for every seat a
 * period lacks, whichever course it is in. A slot may pass a unit on to another group's section
 * of that slot, so it is no tighter than the seat-and-time flow everywhere: take the smaller.
 *
 * `load` (section per request, -1 when unmet), when given, is a roster to start the flow from:
 * only the few augmenting paths between it and the maximum are left to find (a 4,000-student
 * high school: ~2 s from nothing).
 */
export function slotFlowBound(
  inst: Instance,
  studentTime: Int32Array,
  load?: Int32Array,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
): number {
  // The first slot of each section: a class occupies it, and two classes of a student never share it.
  const firstSlot = new Int32Array(inst.nSections);
  for (let s = 0; s < inst.nSections; s++) {
    const lo = inst.secMaskLo[s];
    const hi = inst.secMaskHi[s];
    firstSlot[s] = lo !== 0 ? 31 - Math.clz32(lo & -lo) : hi !== 0 ? 63 - Math.clz32(hi & -hi) : 0;
  }
  const from: number[] = [];
  const to: number[] = [];
  const cap: number[] = [];
  const edge = (a: number, b: number, c: number): number => {
    from.push(a);
    to.push(b);
    cap.push(c);
    return from.length - 1;
  };
  // Nodes: source 0, sink 1, sections 2.., then the shared "sections of a slot" nodes and, per
  // student, their node, groups' and slots' (in, out). A group's sections meeting in one slot
  // are one shared node (the same list for many students), so a student's graph has about one
  // edge per group and slot, not one per section.
  const sectionNode = 2;
  const firstFree = sectionNode + inst.nSections;
  const sharedOf = new Map<string, number>();
  const sharedEdges: Int32Array[] = []; // shared node - firstFree -> its edges to sections, by position in its list
  const sharedSections: number[][] = [];
  // Node ids are given out after the shared nodes are known: collect the edges with symbolic
  // student-side nodes first (offset by SHARED_END later), shared nodes from firstFree on.
  const studentSide: number[] = []; // edge indexes whose endpoints are student-side nodes to shift
  let local = 0; // student-side nodes so far
  const LOCAL = 1 << 30; // marks a student-side node until shared nodes are counted
  // Per student, reset by epoch: each slot's in node and in -> out edge; each shared node's out -> shared edge.
  const slotIn = new Int32Array(64);
  const slotEdge = new Int32Array(64);
  const slotEpoch = new Int32Array(64).fill(-1);
  const sharedEpoch: number[] = [];
  const sharedEdgeOf: number[] = [];
  const groupSlotEdge = new Int32Array(64);
  const groupSlotEpoch = new Int32Array(64).fill(-1);
  const bySlot: number[][] = Array.from({ length: 64 }, () => []);
  const path: number[] = [];
  const localEdge = (a: number, b: number, c: number): number => {
    studentSide.push(from.length);
    return edge(a, b, c);
  };
  for (let i = 0; i < inst.nStudents; i++) {
    if (studentTime[i] === 0) continue;
    const studentNode = LOCAL + local++;
    const studentEdge = localEdge(0, studentNode, studentTime[i]);
    let studentFlow = 0;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!counted(g)) continue;
      let taken = -1;
      const slots: number[] = [];
      for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
        if (load && load[r] >= 0) taken = load[r];
        for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
          const s = inst.reqElig[e];
          if (!inst.secLoadable[s]) continue;
          const p = firstSlot[s];
          if (groupSlotEpoch[p] !== g) {
            groupSlotEpoch[p] = g;
            bySlot[p].length = 0;
            slots.push(p);
          }
          if (!bySlot[p].includes(s)) bySlot[p].push(s);
        }
      }
      if (slots.length === 0) continue;
      const groupNode = LOCAL + local++;
      const groupEdge = localEdge(studentNode, groupNode, 1);
      let takenShared = -1;
      let takenSlot = -1;
      for (const p of slots) {
        if (slotEpoch[p] !== i) {
          slotEpoch[p] = i;
          slotIn[p] = LOCAL + local;
          local += 2;
          slotEdge[p] = localEdge(slotIn[p], slotIn[p] + 1, 1);
        }
        groupSlotEdge[p] = localEdge(groupNode, slotIn[p], 1);
        const list = bySlot[p].sort((a, b) => a - b);
        const key = list.join(",");
        let shared = sharedOf.get(key);
        if (shared === undefined) {
          shared = sharedSections.length;
          sharedOf.set(key, shared);
          sharedSections.push(list.slice());
          sharedEdges.push(Int32Array.from(list, (s) => edge(firstFree + shared!, sectionNode + s, inst.nStudents)));
          sharedEpoch.push(-1);
          sharedEdgeOf.push(-1);
        }
        if (sharedEpoch[shared] !== i) {
          sharedEpoch[shared] = i;
          sharedEdgeOf[shared] = localEdge(slotIn[p] + 1, firstFree + shared, 1);
        }
        if (taken >= 0 && list.includes(taken)) {
          takenShared = shared;
          takenSlot = p;
        }
      }
      // The roster's class of this group, as a path of the flow (checked against capacities below).
      if (takenShared >= 0 && studentFlow < studentTime[i]) {
        const toSection = sharedEdges[takenShared][sharedSections[takenShared].indexOf(taken)];
        path.push(studentEdge, groupEdge, groupSlotEdge[takenSlot], slotEdge[takenSlot], sharedEdgeOf[takenShared], toSection, taken);
        studentFlow++;
      }
    }
  }
  // Student-side nodes come after the shared ones.
  const studentBase = firstFree + sharedSections.length;
  for (const k of studentSide) {
    if (from[k] >= LOCAL) from[k] = from[k] - LOCAL + studentBase;
    if (to[k] >= LOCAL) to[k] = to[k] - LOCAL + studentBase;
  }
  const next = studentBase + local;
  const onward = { seat: new Int32Array(inst.nSections).fill(-1), teacher: new Int32Array(inst.nSections).fill(-1) };
  const seatNodes = addSeatEdges(inst, { from, to, cap }, sectionNode, 1, next, onward);
  if (!load) return maxFlow(next + seatNodes, from, to, cap, 0, 1);
  // Start from the roster: each class one unit along its path, while every edge has room (a
  // roster meets every limit, so all fit; the check keeps the start a feasible flow whatever).
  const start = new Float64Array(from.length);
  const route: number[] = [];
  for (let k = 0; k < path.length; k += 7) {
    const s = path[k + 6];
    route.length = 0;
    route.push(path[k], path[k + 1], path[k + 2], path[k + 3], path[k + 4], path[k + 5], onward.seat[s]);
    if (onward.teacher[s] >= 0) route.push(onward.teacher[s]);
    if (route.every((e) => start[e] < cap[e])) for (const e of route) start[e]++;
  }
  return maxFlow(next + seatNodes, from, to, cap, 0, 1, start);
}

