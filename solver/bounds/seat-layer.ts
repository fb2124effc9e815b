import { UNLIMITED, type Instance } from "../instance/instance.ts";
import { addEdge, type FlowEdges } from "./max-flow.ts";

/**
 * The seat end of every flow bound: section s (node `sectionNode + s`) to the sink through its
 * seats (capacity cut to its teachers' loads, or its pinned enrollments when they overfill it),
 * and through its teacher's node, whose capacity is the teacher's max_students over all their
 * sections (or the pinned enrollments they already hold, when more). A co-taught section goes
 * through the teacher of the two with fewer students allowed; the other's total is left out
 * (only looser). Without the teacher nodes a specials teacher of four classes of 30 and a
 * max_students of 100 would seem to seat 120 (district-small ES-0003: 749 -> 741, the optimum).
 * Appends the edges; returns the number of nodes used, `firstNode` being the first free one.
 * `onward`, when given, receives each section's edge out (`seat`) and its teacher's edge to the
 * sink (`teacher`, -1 when the section goes straight to the sink), to route a roster's seats.
 */
export function addSeatEdges(
  inst: Instance,
  edges: FlowEdges,
  sectionNode: number,
  sink: number,
  firstNode: number,
  onward?: { seat: Int32Array; teacher: Int32Array },
): number {
  const pinned = pinnedSeats(inst);
  const via = new Int32Array(inst.nSections).fill(-1);
  const seats = new Float64Array(inst.nTeachers);
  const pinnedOf = new Float64Array(inst.nTeachers);
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secLoadable[s]) continue;
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    let w = t;
    if (u >= 0 && (w < 0 || inst.teacherMaxStudents[u] < inst.teacherMaxStudents[w])) w = u;
    if (w < 0 || inst.teacherMaxStudents[w] >= UNLIMITED) continue;
    via[s] = w;
    seats[w] += Math.max(sectionSeats(inst, s), pinned[s]);
    pinnedOf[w] += pinned[s];
  }
  // A teacher whose sections cannot hold more than their limit anyway needs no node.
  const teacherNode = new Int32Array(inst.nTeachers).fill(-1);
  const teacherEdge = new Int32Array(inst.nTeachers).fill(-1);
  let nodes = 0;
  for (let t = 0; t < inst.nTeachers; t++) {
    const limit = Math.max(inst.teacherMaxStudents[t], pinnedOf[t]);
    if (seats[t] <= limit) continue;
    teacherNode[t] = firstNode + nodes++;
    teacherEdge[t] = addEdge(edges, teacherNode[t], sink, limit);
  }
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secLoadable[s]) continue;
    const viaTeacher = via[s] >= 0 && teacherNode[via[s]] >= 0;
    const seat = addEdge(
      edges,
      sectionNode + s,
      viaTeacher ? teacherNode[via[s]] : sink,
      Math.max(sectionSeats(inst, s), pinned[s]),
    );
    if (onward) {
      onward.seat[s] = seat;
      onward.teacher[s] = viaTeacher ? teacherEdge[via[s]] : -1;
    }
  }
  return nodes;
}

/** Pinned enrollments of each section: they keep their seats even beyond its limits. */
export function pinnedSeats(inst: Instance): Int32Array {
  const pinned = new Int32Array(inst.nSections);
  for (let r = 0; r < inst.nRequests; r++) if (inst.reqFixed[r] >= 0) pinned[inst.reqFixed[r]]++;
  return pinned;
}

/** Seats of section s: its capacity cut to its teachers' student limits. */
export function sectionSeats(inst: Instance, s: number): number {
  let seats = inst.secCapacity[s];
  const t = inst.secTeacher[s];
  const u = inst.secCoTeacher[s];
  if (t >= 0) seats = Math.min(seats, inst.teacherMaxStudents[t]);
  if (u >= 0) seats = Math.min(seats, inst.teacherMaxStudents[u]);
  return seats;
}
