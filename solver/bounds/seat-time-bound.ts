import type { Instance } from "../instance/instance.ts";
import { groupTypes, type GroupTypes } from "./capacity-bound.ts";
import { addSeatEdges } from "./seat-layer.ts";
import { addEdge, flowEdges, maxFlow } from "./max-flow.ts";

/**
 * The capacity and time bounds together: a max flow in which each student sends at most their
 * own time bound (`studentTime`, the most of their groups that fit in their slots) and each
 * group goes to a seat of one of its open sections (capacity cut to teachers' loads). Any
 * roster is such a flow, so this bounds the primary groups met; it is at most both the
 * capacity bound and the time bound, and lower when a student's lost classes are ones with
 * seats to spare while others queue for a full course. Groups open to the same sections share
 * one node, so the graph has about one edge per group besides the sections'.
 */
export function seatTimeBound(
  inst: Instance,
  studentTime: Int32Array,
  counted: (g: number) => boolean = (g) => inst.groupPrimary[g] === 1,
): number {
  return seatTimeOfTypes(inst, studentTime, groupTypes(inst, counted));
}

/** seatTimeBound on the groups' types. */
export function seatTimeOfTypes(inst: Instance, studentTime: Int32Array, types: GroupTypes): number {
  const typeSections = types.lists;
  const { edgeStudent, edgeType, edgeCount } = studentTypeEdges(inst, studentTime, types);
  // Nodes: source, students, types, sections, sink.
  const nTypes = typeSections.length;
  const typeNode = 1 + inst.nStudents;
  const sectionNode = typeNode + nTypes;
  const sink = sectionNode + inst.nSections;
  const edges = flowEdges(inst.nStudents + edgeStudent.length + inst.nSections);
  for (let i = 0; i < inst.nStudents; i++) if (studentTime[i] > 0) addEdge(edges, 0, 1 + i, studentTime[i]);
  for (let k = 0; k < edgeStudent.length; k++) addEdge(edges, 1 + edgeStudent[k], typeNode + edgeType[k], edgeCount[k]);
  for (let t = 0; t < nTypes; t++) {
    for (const s of typeSections[t]) addEdge(edges, typeNode + t, sectionNode + s, inst.nStudents);
  }
  const teacherNodes = addSeatEdges(inst, edges, sectionNode, sink, sink + 1);
  return maxFlow(sink + 1 + teacherNodes, edges, 0, sink);
}

/**
 * The edges student -> type of the flow, with how many of the student's groups are of that type.
 * A function of its own: V8 compiled this loop while it ran (OSR), seatTimeOfTypes whole, and
 * threw that code away at the flow's edges after it, which had never run.
 */
function studentTypeEdges(
  inst: Instance,
  studentTime: Int32Array,
  types: GroupTypes,
): { edgeStudent: number[]; edgeType: number[]; edgeCount: number[] } {
  const edgeStudent: number[] = [];
  const edgeType: number[] = [];
  const edgeCount: number[] = [];
  for (let i = 0; i < inst.nStudents; i++) {
    if (studentTime[i] === 0) continue;
    const first = edgeStudent.length;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      const t = types.groupType[g];
      if (t < 0) continue;
      let k = first;
      while (k < edgeStudent.length && edgeType[k] !== t) k++;
      if (k < edgeStudent.length) edgeCount[k]++;
      else {
        edgeStudent.push(i);
        edgeType.push(t);
        edgeCount.push(1);
      }
    }
  }
  return { edgeStudent, edgeType, edgeCount };
}
