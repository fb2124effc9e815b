import type { Instance } from "../instance/instance.ts";
import { groupSections, sectionListTypes, sortAscending, typeOfList } from "./capacity-bound.ts";
import { addEdge, flowEdges, maxFlow } from "./max-flow.ts";
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
  const edges = flowEdges(8 * inst.nGroups + inst.nSections);
  const edge = (a: number, b: number, c: number): number => addEdge(edges, a, b, c);
  // Nodes: source 0, sink 1, sections 2.., then the shared nodes and, per student, their node,
  // groups' and slots' (in, out). Groups open to the same sections are one type (as in the
  // seat-and-time flow); a type's sections meeting in one slot are one shared node, so a
  // student's graph has about one edge per group and slot, not one per section.
  const sectionNode = 2;
  const firstFree = sectionNode + inst.nSections;
  const listTypes = sectionListTypes();
  const typeSlots: number[][] = []; // per type: its slots, ascending
  const typeShared: number[][] = []; // per type and slot (same order): the shared node - firstFree
  const sharedSectionEdges: number[][] = []; // per shared node: [section, edge, section, edge, ...]
  const seen = new Int32Array(inst.nSections).fill(-1);
  let local = 0;
  const LOCAL = 1 << 30; // marks a student-side node until the shared nodes are counted
  const typeOfGroup = (sections: number[]): number => {
    const t = typeOfList(listTypes, sections);
    if (t < typeSlots.length) return t;
    const slots = [...new Set(sections.map((s) => firstSlot[s]))].sort((x, y) => x - y);
    typeSlots.push(slots);
    typeShared.push(
      slots.map((p) => {
        const shared = sharedSectionEdges.length;
        const list: number[] = [];
        for (const s of sections)
          if (firstSlot[s] === p) list.push(s, edge(firstFree + shared, sectionNode + s, inst.nStudents));
        sharedSectionEdges.push(list);
        return shared;
      }),
    );
    return t;
  };
  // Students asking for the same types with the same time bound are one class of `count`
  // students: each capacity on the student's side is multiplied by it (a relaxation: the class
  // may share its slots out unevenly among its students), so the graph has one copy per class.
  const classOf = new Map<string, number>();
  const classCount: number[] = [];
  const classTime: number[] = [];
  const classTypes: number[][] = [];
  const studentClass = new Int32Array(inst.nStudents).fill(-1);
  const studentTaken: number[][] = []; // per student: [type, taken section, ...] of the groups the load meets
  for (let i = 0; i < inst.nStudents; i++) {
    studentTaken.push([]);
    if (studentTime[i] === 0) continue;
    const types: number[] = [];
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!counted(g)) continue;
      const sections = groupSections(inst, g, seen).filter((s) => inst.secLoadable[s] === 1);
      if (sections.length === 0) continue;
      const t = typeOfGroup(sections);
      types.push(t);
      if (load) {
        for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++)
          if (load[r] >= 0) studentTaken[i].push(t, load[r]);
      }
    }
    if (types.length === 0) continue;
    sortAscending(types);
    const key = `${studentTime[i]}:${types.join(",")}`;
    let c = classOf.get(key);
    if (c === undefined) {
      c = classCount.length;
      classOf.set(key, c);
      classCount.push(0);
      classTime.push(studentTime[i]);
      classTypes.push(types);
    }
    classCount[c]++;
    studentClass[i] = c;
  }
  // Per class, reset by epoch: each slot's in node and in -> out edge; each shared node's out -> shared edge.
  const slotIn = new Int32Array(64);
  const slotEdge = new Int32Array(64);
  const slotEpoch = new Int32Array(64).fill(-1);
  const sharedEpoch = new Int32Array(sharedSectionEdges.length).fill(-1);
  const sharedEdgeOf = new Int32Array(sharedSectionEdges.length);
  const classEdge: number[] = [];
  const groupEdgeOf: Map<number, number>[] = []; // per class: type -> class -> group edge
  const groupSlotEdgeOf: Map<number, number>[] = []; // per class: type * 64 + slot -> group -> slot edge
  const slotEdgesOf: Int32Array[] = []; // per class: slot -> in -> out edge
  const sharedOutOf: Map<number, number>[] = []; // per class: shared node -> out -> shared edge
  for (let c = 0; c < classCount.length; c++) {
    const k = classCount[c];
    const classNode = LOCAL + local++;
    classEdge.push(edge(0, classNode, k * classTime[c]));
    const groupEdges = new Map<number, number>();
    const groupSlotEdges = new Map<number, number>();
    const sharedOut = new Map<number, number>();
    const types = classTypes[c];
    for (let j = 0; j < types.length; j++) {
      const t = types[j];
      if (j > 0 && types[j - 1] === t) continue;
      let m = 1; // groups of this type per student
      while (j + m < types.length && types[j + m] === t) m++;
      const groupNode = LOCAL + local++;
      groupEdges.set(t, edge(classNode, groupNode, k * m));
      const slots = typeSlots[t];
      for (let q = 0; q < slots.length; q++) {
        const p = slots[q];
        if (slotEpoch[p] !== c) {
          slotEpoch[p] = c;
          slotIn[p] = LOCAL + local;
          local += 2;
          slotEdge[p] = edge(slotIn[p], slotIn[p] + 1, k);
        }
        groupSlotEdges.set(t * 64 + p, edge(groupNode, slotIn[p], k * m));
        const shared = typeShared[t][q];
        if (sharedEpoch[shared] !== c) {
          sharedEpoch[shared] = c;
          sharedEdgeOf[shared] = edge(slotIn[p] + 1, firstFree + shared, k);
          sharedOut.set(shared, sharedEdgeOf[shared]);
        }
      }
    }
    groupEdgeOf.push(groupEdges);
    groupSlotEdgeOf.push(groupSlotEdges);
    slotEdgesOf.push(slotEdge.slice());
    sharedOutOf.push(sharedOut);
  }
  // Student-side nodes come after the shared ones.
  const studentBase = firstFree + sharedSectionEdges.length;
  const { from, to } = edges;
  for (let k = 0; k < edges.length; k++) {
    if (from[k] >= LOCAL) from[k] = from[k] - LOCAL + studentBase;
    if (to[k] >= LOCAL) to[k] = to[k] - LOCAL + studentBase;
  }
  const next = studentBase + local;
  const onward = { seat: new Int32Array(inst.nSections).fill(-1), teacher: new Int32Array(inst.nSections).fill(-1) };
  const seatNodes = addSeatEdges(inst, edges, sectionNode, 1, next, onward);
  if (!load) return maxFlow(next + seatNodes, edges, 0, 1);
  // Start from the roster: each of its classes one unit along its path (source, class, group,
  // group's slot, slot, shared node, section, seat, teacher), while every edge has room (a
  // roster meets every limit, so all fit; the check keeps the start a feasible flow whatever).
  const start = new Float64Array(edges.length);
  const { cap } = edges;
  const route = new Int32Array(8);
  for (let i = 0; i < inst.nStudents; i++) {
    const c = studentClass[i];
    if (c < 0) continue;
    const taken = studentTaken[i];
    let flowOut = 0;
    for (let j = 0; j < taken.length && flowOut < studentTime[i]; j += 2) {
      const t = taken[j];
      const s = taken[j + 1];
      const p = firstSlot[s];
      const q = typeSlots[t].indexOf(p);
      if (q < 0) continue;
      const shared = typeShared[t][q];
      const list = sharedSectionEdges[shared];
      let at = 0;
      while (at < list.length && list[at] !== s) at += 2;
      if (at >= list.length) continue;
      route[0] = classEdge[c];
      route[1] = groupEdgeOf[c].get(t)!;
      route[2] = groupSlotEdgeOf[c].get(t * 64 + p)!;
      route[3] = slotEdgesOf[c][p];
      route[4] = sharedOutOf[c].get(shared)!;
      route[5] = list[at + 1];
      route[6] = onward.seat[s];
      const n = onward.teacher[s] >= 0 ? 8 : 7;
      route[7] = onward.teacher[s];
      let fits = true;
      for (let k = 0; k < n && fits; k++) fits = start[route[k]] < cap[route[k]];
      if (fits) for (let k = 0; k < n; k++) start[route[k]]++;
      flowOut++;
    }
  }
  return maxFlow(next + seatNodes, edges, 0, 1, start);
}
