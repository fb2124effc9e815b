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
 */
export function slotFlowBound(
  inst: Instance,
  studentTime: Int32Array,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
): number {
  // The first slot of each section: a class occupies it, and two classes of a student never share it.
  const firstSlot = new Int32Array(inst.nSections);
  for (let s = 0; s < inst.nSections; s++) {
    const lo = inst.secMaskLo[s];
    firstSlot[s] = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + 31 - Math.clz32(inst.secMaskHi[s] & -inst.secMaskHi[s]);
  }
  const from: number[] = [];
  const to: number[] = [];
  const cap: number[] = [];
  const edge = (a: number, b: number, c: number) => {
    from.push(a);
    to.push(b);
    cap.push(c);
  };
  // Nodes: source 0, sink 1, sections 2.., then per student their groups and slots.
  const sectionNode = 2;
  let next = sectionNode + inst.nSections;
  const slotNode = new Int32Array(64).fill(-1);
  const slotEpoch = new Int32Array(64).fill(-1);
  const seen = new Int32Array(inst.nSections).fill(-1); // section -> student whose slot edge exists
  const groupSlotSeen = new Int32Array(64).fill(-1); // slot -> group already linked to it
  for (let i = 0; i < inst.nStudents; i++) {
    if (studentTime[i] === 0) continue;
    const studentNode = next++;
    edge(0, studentNode, studentTime[i]);
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (!counted(g)) continue;
      const groupNode = next++;
      let linked = false;
      for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
        for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
          const s = inst.reqElig[e];
          if (!inst.secLoadable[s]) continue;
          const p = firstSlot[s];
          if (slotEpoch[p] !== i) {
            slotEpoch[p] = i;
            slotNode[p] = next++;
            edge(slotNode[p], -1, 1); // placeholder: the slot's own capacity, fixed below
          }
          if (groupSlotSeen[p] !== g) {
            groupSlotSeen[p] = g;
            edge(groupNode, slotNode[p], 1);
            linked = true;
          }
          if (seen[s] !== i) {
            seen[s] = i;
            edge(slotNode[p], sectionNode + s, 1);
          }
        }
      }
      if (linked) edge(studentNode, groupNode, 1);
    }
  }
  // A slot passes at most one class on: split each slot node in two (in -> out, capacity 1).
  // The placeholders above mark where; rebuild with the split.
  const outOf = new Map<number, number>();
  for (let k = 0; k < from.length; k++) if (to[k] === -1) outOf.set(from[k], next++);
  const F: number[] = [];
  const T: number[] = [];
  const C: number[] = [];
  for (let k = 0; k < from.length; k++) {
    if (to[k] === -1) {
      F.push(from[k]);
      T.push(outOf.get(from[k])!);
      C.push(1);
      continue;
    }
    // Edges leaving a slot node leave from its out half.
    const out = outOf.get(from[k]);
    F.push(out ?? from[k]);
    T.push(to[k]);
    C.push(cap[k]);
  }
  const teacherNodes = addSeatEdges(inst, { from: F, to: T, cap: C }, sectionNode, 1, next);
  return maxFlow(next + teacherNodes, F, T, C, 0, 1);
}
