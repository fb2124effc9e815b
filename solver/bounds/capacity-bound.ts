import { groupListsKey } from "../instance/group-lists-key.ts";
import type { Instance } from "../instance/instance.ts";
import { addEdge, flowEdges, maxFlow } from "./max-flow.ts";
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
  return capacityFlowOfTypes(inst, groupTypes(inst, counted));
}

/**
 * The counted groups by type: groups open to the same sections are one type, numbered in the
 * order of the groups. Both flow bounds before the load build their graphs on these, so
 * boundsBeforeLoad finds them once (each pass over the groups was about a fifth of those
 * bounds' time on the high-school preset).
 */
export interface GroupTypes {
  /** Per type, its sections, ascending. */
  lists: number[][];
  /** Per group, its type; -1 when it does not count or has no section open to it. */
  groupType: Int32Array;
}

/**
 * The types of the groups `counted` picks (see GroupTypes). A group's type depends only on its
 * requests' eligibility lists, so it is found once per sequence of lists (groupListsKey): on
 * the high-school preset 28,629 groups, whose lists were gathered, sorted and hashed one by one.
 */
export function groupTypes(inst: Instance, counted: (g: number) => boolean): GroupTypes {
  const types = sectionListTypes();
  const groupType = new Int32Array(inst.nGroups).fill(-1);
  const seen = new Int32Array(inst.nSections).fill(-1);
  const typeOfKey = new Map<number, number>();
  for (let g = 0; g < inst.nGroups; g++) {
    if (!counted(g)) continue;
    const key = groupListsKey(inst, g);
    let t = key < 0 ? undefined : typeOfKey.get(key);
    if (t === undefined) {
      const sections = groupSections(inst, g, seen);
      t = sections.length > 0 ? typeOfList(types, sections) : -1;
      if (key >= 0) typeOfKey.set(key, t);
    }
    groupType[g] = t;
  }
  return { lists: types.lists, groupType };
}

/** capacityFlowBound on the groups' types. */
export function capacityFlowOfTypes(inst: Instance, types: GroupTypes): number {
  const typeSections = types.lists;
  const nTypes = typeSections.length;
  const typeCount = groupsPerType(inst, types);
  // Nodes: source, types, sections, sink.
  const source = 0;
  const sink = 1 + nTypes + inst.nSections;
  const edges = flowEdges();
  for (let t = 0; t < nTypes; t++) {
    addEdge(edges, source, 1 + t, typeCount[t]);
    for (const s of typeSections[t]) addEdge(edges, 1 + t, 1 + nTypes + s, typeCount[t]);
  }
  const teacherNodes = addSeatEdges(inst, edges, 1 + nTypes, sink, sink + 1);
  return maxFlow(sink + 1 + teacherNodes, edges, source, sink);
}

/**
 * How many groups are of each type. A function of its own: V8 compiled this loop while it ran
 * (OSR), capacityFlowOfTypes whole, and threw that code away at the edges after it.
 */
function groupsPerType(inst: Instance, types: GroupTypes): Float64Array {
  const typeCount = new Float64Array(types.lists.length);
  for (let g = 0; g < inst.nGroups; g++) if (types.groupType[g] >= 0) typeCount[types.groupType[g]]++;
  return typeCount;
}

/** Distinct section lists numbered in order of first appearance, found by a hash of the list. */
export interface SectionListTypes {
  byHash: Map<number, number[]>;
  lists: number[][];
}

/** An empty numbering of section lists. */
export function sectionListTypes(): SectionListTypes {
  return { byHash: new Map(), lists: [] };
}

/**
 * The type of a section list (groups open to the same sections are one type of the flows):
 * the number of an equal list seen before, else the next number, `sections` kept as its list.
 */
export function typeOfList(types: SectionListTypes, sections: number[]): number {
  let hash = 2166136261;
  for (let k = 0; k < sections.length; k++) hash = Math.imul(hash ^ sections[k], 16777619);
  let candidates = types.byHash.get(hash);
  if (!candidates) types.byHash.set(hash, (candidates = []));
  for (const t of candidates) if (sameList(types.lists[t], sections)) return t;
  const t = types.lists.length;
  candidates.push(t);
  types.lists.push(sections);
  return t;
}

/** True when the two lists hold the same numbers in the same order. */
function sameList(a: number[], b: number[]): boolean {
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
  return sortAscending(sections);
}

/**
 * Sorts a short list of numbers in place (insertion sort) and returns it: the flows' lists are
 * short and mostly in order already (one request's sections are in section order), and
 * Array.prototype.sort copies the list first (the district's quick pass: a third of all the
 * bytes the solver allocated, and the collector's work with them).
 */
export function sortAscending(list: number[]): number[] {
  for (let a = 1; a < list.length; a++) {
    const x = list[a];
    let b = a - 1;
    while (b >= 0 && list[b] > x) {
      list[b + 1] = list[b];
      b--;
    }
    list[b + 1] = x;
  }
  return list;
}
