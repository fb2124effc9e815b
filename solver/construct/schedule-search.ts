import { linkCompatible } from "../constraints/link.ts";
import { keepsLunch } from "../constraints/lunch.ts";
import type { Instance } from "../instance/instance.ts";
import { createRng, type Rng } from "../load/seeded-random.ts";

/**
 * The exact per-student search: given, for each of a student's open groups, a list of candidate
 * sections (each with its slot mask and value), choose at most one candidate per group, with
 * pairwise disjoint slots (and, when teacher slack is given, no teacher over its remaining load),
 * maximizing the total value, keeping a lunch period free in every term (constraint 13) and
 * taking linked sections together (constraint 12: with each other and with the student's
 * `held` sections, those kept as they are). Depth-first branch and bound; candidates of a group are tried best
 * first, so the first leaf is the greedy answer and most students stop there.
 *
 * All buffers are preallocated for the instance's largest student: no allocation per search.
 */
export interface ScheduleSearch {
  instance: Instance;
  nGroups: number;
  /** Instance group index of each search position. */
  groupAt: Int32Array;
  candStart: Int32Array;
  candReq: Int32Array;
  candSec: Int32Array;
  candLo: Int32Array;
  candHi: Int32Array;
  candVal: Float64Array;
  /** Slots each candidate takes (popcount of its mask). */
  candNeed: Int8Array;
  /** Slots each section takes (popcount of its mask). */
  secNeed: Int8Array;
  /** Fewest slots any candidate of each position takes. */
  posMinNeed: Int8Array;
  /** Slots of the school (terms x periods). */
  slots: number;
  /** Scratch of remainingBound. */
  tops: Float64Array;
  needs: Int32Array;
  /** Search order of the positions: most valuable first, then fewest candidates. */
  posOrder: Int32Array;
  /** Best possible value of the positions from search depth d on (each at its best candidate). */
  suffix: Float64Array;
  choice: Int32Array;
  bestChoice: Int32Array;
  best: number;
  /** Stop as soon as best reaches this (every group at its best integer value). */
  target: number;
  nodes: number;
  nodeLimit: number;
  /** Uses of each teacher by the choices on the current path, on top of teacherLoad. */
  pending: Int32Array;
  /**
   * Current student load of each teacher (checked against max_students), or IGNORE_LOADS. Never
   * null: one field type keeps the object's shape, and the optimized search code, stable.
   */
  teacherLoad: Int32Array;
  /** Next free candidate index while positions are filled. */
  fill: number;
  /** Most positions of the current search (a teacher with this much slack can never be blocked). */
  maxPositions: number;
  /** Per slot mask: the position (epoch) that last kept a candidate with it, and that candidate. */
  maskEpoch: Int32Array;
  maskCand: Int32Array;
  epoch: number;
  /** Random tie-break added to candidate values by the loader, below 0.5 in total (0 = none). */
  noise: number;
  rng: Rng;
  /** Sections the student keeps (pinned) during this search: chosen ones must be link-compatible with them. */
  held: Int32Array;
  nHeld: number;
  /** 1 when the instance has links or lunch periods: only then does the search test them. */
  pairRules: number;
  /** Scratch marks over sections (avoid partners' sections), compared against stamp. */
  sectionMark: Int32Array;
  stamp: number;
  /** A branch must promise more than this to be explored (see runScheduleSearch). */
  pruneAt: number;
  /** 1 when only a better integer value is worth searching for (see runScheduleSearch). */
  integerOnly: number;
  /** A known ceiling on the integer value of the positions (from a student's ceiling), Infinity when none. */
  targetCap: number;
  /** Per student: the most their schedule can be worth (improve/schedule-ceiling.ts), empty when not computed. */
  ceilings: Float64Array;
  /**
   * Effort spent so far by placeStudent (sections examined plus search nodes): a measure of
   * work that is the same on every machine, so budgets in it give the same result anywhere.
   */
  work: number;
}

const EPS = 1e-9;

/** The teacherLoad of a search that ignores teachers' max_students (bounds). */
export const IGNORE_LOADS = new Int32Array(0);

/** Buffers sized for the instance's largest student. */
export function createScheduleSearch(instance: Instance): ScheduleSearch {
  let maxGroups = 1;
  let maxCands = 1;
  for (let i = 0; i < instance.nStudents; i++) {
    const g0 = instance.studentGroupStart[i];
    const g1 = instance.studentGroupStart[i + 1];
    maxGroups = Math.max(maxGroups, g1 - g0);
    const r0 = instance.groupReqStart[g0];
    const r1 = instance.groupReqStart[g1];
    maxCands = Math.max(maxCands, instance.reqEligStart[r1] - instance.reqEligStart[r0]);
  }
  // V8 builds an object literal's template at the literal's second run, and the template's
  // placeholders widen the type V8 knew of every array field: the search code compiled against
  // the first search's object (the students' ceilings) was thrown away when the second one was
  // made (the time bound) and compiled again. Making the first one twice widens them before
  // any search runs (placeStudent, runScheduleSearch and dfs then compiled 2-3 times a run, not 3-5).
  searchRecord(instance, maxGroups, maxCands);
  const ws = searchRecord(instance, maxGroups, maxCands);
  fieldsSetLater(ws);
  return ws;
}

/**
 * Writes once, with the values they start with, the fields that callers set after creation:
 * V8 takes a field never written after its object's creation for a constant, and its first
 * later write (the time bound's node limit, the load's random generator, ceilings and teacher
 * loads, the moves' noise) threw away every search function compiled while it was one.
 */
function fieldsSetLater(ws: ScheduleSearch): void {
  const { nodeLimit, noise, rng } = ws;
  ws.nodeLimit = 0;
  ws.nodeLimit = nodeLimit;
  ws.noise = 0.5;
  ws.noise = noise;
  ws.targetCap = 0;
  ws.targetCap = Infinity;
  ws.teacherLoad = new Int32Array(0);
  ws.teacherLoad = IGNORE_LOADS;
  ws.ceilings = new Float64Array(0);
  ws.rng = createRng(0);
  ws.rng = rng;
}

/** A search's fields and buffers, sized for at most maxGroups positions and maxCands candidates. */
function searchRecord(instance: Instance, maxGroups: number, maxCands: number): ScheduleSearch {
  // Fields that will hold fractions or large counts start as -0, which V8 stores as a double:
  // starting them as the small integer 0 would change the object's shape on the first
  // fraction and throw away the search code optimized for the old one.
  return {
    instance,
    nGroups: 0,
    groupAt: new Int32Array(maxGroups),
    candStart: new Int32Array(maxGroups + 1),
    candReq: new Int32Array(maxCands),
    candSec: new Int32Array(maxCands),
    candLo: new Int32Array(maxCands),
    candHi: new Int32Array(maxCands),
    candVal: new Float64Array(maxCands),
    candNeed: new Int8Array(maxCands),
    posMinNeed: new Int8Array(maxGroups),
    secNeed: Int8Array.from(instance.secMaskLo, (lo, s) => popcount(lo) + popcount(instance.secMaskHi[s])),
    slots: instance.nTerms * instance.nPeriods,
    tops: new Float64Array(maxGroups),
    needs: new Int32Array(maxGroups),
    posOrder: new Int32Array(maxGroups),
    suffix: new Float64Array(maxGroups + 1),
    choice: new Int32Array(maxGroups),
    bestChoice: new Int32Array(maxGroups),
    best: -0,
    target: -0,
    nodes: 0,
    nodeLimit: 5000,
    pending: new Int32Array(instance.nTeachers),
    teacherLoad: IGNORE_LOADS,
    fill: 0,
    maxPositions: 0,
    maskEpoch: new Int32Array(instance.nMasks),
    maskCand: new Int32Array(instance.nMasks),
    epoch: 0,
    noise: -0,
    rng: createRng(0),
    held: new Int32Array(maxGroups),
    nHeld: 0,
    pairRules: instance.nLinks > 0 || instance.lunchLo.length > 0 ? 1 : 0,
    sectionMark: new Int32Array(instance.nSections),
    stamp: 0,
    pruneAt: -0,
    integerOnly: 0,
    targetCap: Infinity,
    ceilings: new Float64Array(0),
    work: -0,
  };
}

/** Starts filling the candidates of the next position (ws.nGroups counts the positions filled). */
export function beginPosition(ws: ScheduleSearch): void {
  ws.candStart[ws.nGroups] = ws.fill;
  ws.epoch++;
}

/**
 * Offers section s for request r at value v to the position being filled. Among candidates
 * with the same slots only the best is kept (a worse one can never lead to a better schedule),
 * unless pending teacher loads could block the better one.
 */
export function offerCandidate(ws: ScheduleSearch, r: number, s: number, v: number): void {
  const inst = ws.instance;
  const m = inst.secMaskId[s];
  const dedupe = neverBlocked(ws, s);
  if (dedupe && ws.maskEpoch[m] === ws.epoch) {
    const c = ws.maskCand[m];
    if (v > ws.candVal[c]) {
      ws.candReq[c] = r;
      ws.candSec[c] = s;
      ws.candVal[c] = v;
    }
    return;
  }
  const c = ws.fill++;
  ws.candReq[c] = r;
  ws.candSec[c] = s;
  ws.candVal[c] = v;
  if (dedupe) {
    ws.maskEpoch[m] = ws.epoch;
    ws.maskCand[m] = c;
  }
}

/**
 * Ends the position being filled for instance group g: sorts its candidates best first and
 * keeps it when it has any (a group without candidates is simply left unmet).
 */
export function endPosition(ws: ScheduleSearch, g: number): void {
  const d = ws.nGroups;
  const start = ws.candStart[d];
  const end = ws.fill;
  if (end === start) return;
  // Sort request, section and value only; the slot fields follow from the section after.
  const { candReq, candSec, candLo, candHi, candVal, candNeed, secNeed } = ws;
  for (let a = start + 1; a < end; a++) {
    const r = candReq[a],
      s = candSec[a],
      v = candVal[a];
    let b = a - 1;
    while (b >= start && candVal[b] < v) {
      candReq[b + 1] = candReq[b];
      candSec[b + 1] = candSec[b];
      candVal[b + 1] = candVal[b];
      b--;
    }
    candReq[b + 1] = r;
    candSec[b + 1] = s;
    candVal[b + 1] = v;
  }
  const { secMaskLo, secMaskHi } = ws.instance;
  let minNeed = 64;
  for (let c = start; c < end; c++) {
    const s = candSec[c];
    candLo[c] = secMaskLo[s];
    candHi[c] = secMaskHi[s];
    candNeed[c] = secNeed[s];
    if (secNeed[s] < minNeed) minNeed = secNeed[s];
  }
  ws.posMinNeed[d] = minNeed;
  ws.groupAt[d] = g;
  ws.nGroups = d + 1;
  ws.candStart[d + 1] = end;
}

/** Empties the search before filling positions; `maxPositions` bounds the teacher-slack test. */
export function resetSearch(ws: ScheduleSearch, maxPositions: number): void {
  ws.nGroups = 0;
  ws.nHeld = 0;
  ws.fill = 0;
  ws.maxPositions = maxPositions;
  ws.candStart[0] = 0;
}

/** True when the section's teachers have slack for every position: pending loads cannot block it. */
function neverBlocked(ws: ScheduleSearch, s: number): boolean {
  const load = ws.teacherLoad;
  if (load.length === 0) return true;
  const max = ws.instance.teacherMaxStudents;
  const need = ws.maxPositions;
  return hasSlack(max, load, ws.instance.secTeacher[s], need) && hasSlack(max, load, ws.instance.secCoTeacher[s], need);
}

/**
 * True when teacher t (none when negative) can take `need` more students. One function for
 * teachers and co-teachers: the co-teacher's reads, first reached at the first co-taught
 * section, share the teacher's type feedback instead of costing placeStudent a recompile.
 */
export function hasSlack(max: Int32Array, load: Int32Array, t: number, need: number): boolean {
  return t < 0 || max[t] - load[t] >= need;
}

/**
 * Runs the search over ws.nGroups positions whose candidates are filled in; afterwards
 * ws.bestChoice[p] is the chosen candidate index of position p, or -1.
 */
export function runScheduleSearch(ws: ScheduleSearch, baseLo: number, baseHi: number, stopAtTarget = true): void {
  const n = ws.nGroups;
  const { candStart, candVal, suffix, posOrder } = ws;
  // Insertion sort of positions: most valuable first (tight bounds early), then fewest candidates.
  for (let a = 0; a < n; a++) {
    let b = a - 1;
    while (b >= 0 && positionBefore(ws, a, posOrder[b])) {
      posOrder[b + 1] = posOrder[b];
      b--;
    }
    posOrder[b + 1] = a;
  }
  suffix[n] = 0;
  let target = 0;
  for (let d = n - 1; d >= 0; d--) {
    const p = posOrder[d];
    const top = candStart[p] < candStart[p + 1] ? candVal[candStart[p]] : 0;
    suffix[d] = suffix[d + 1] + (top > 0 ? top : 0);
    target += Math.floor(top > 0 ? top : 0);
  }
  // Values are "integer part + tie-break below 1" for the loader, so a schedule at the best
  // integer value any schedule can reach (every group at its best, or as many of the most
  // valuable groups as the free slots can hold) cannot be beaten by more than the tie-break:
  // stop there. Otherwise only a schedule with every group at its best candidate ends the search.
  // suffix[0] read on both paths: a read only the bounds' relaxed searches reach had no type
  // feedback when the loader's searches got runScheduleSearch compiled, and cost a recompile.
  const every = suffix[0];
  ws.target = stopAtTarget ? Math.min(target, integerCeiling(ws, baseLo, baseHi), ws.targetCap) : every;
  // The same reasoning prunes: once a schedule of some integer value is found, only a branch
  // that can reach the next integer is searched; among schedules of one integer value the first
  // found (candidates are tried best first, tie-breaks included) is kept. Searching on for a
  // better tie-break cost most of the nodes of a student who cannot get every group (district
  // sample: construction work -25%, the loads as good).
  ws.integerOnly = stopAtTarget ? 1 : 0;
  ws.pruneAt = -1 + EPS;
  ws.best = -1;
  ws.nodes = 0;
  for (let d = 0; d < n; d++) ws.bestChoice[d] = -1;
  dfs(ws, 0, baseLo, baseHi, 0);
}

function positionBefore(ws: ScheduleSearch, a: number, b: number): boolean {
  const { candStart, candVal } = ws;
  const va = candStart[a] < candStart[a + 1] ? Math.floor(candVal[candStart[a]]) : 0;
  const vb = candStart[b] < candStart[b + 1] ? Math.floor(candVal[candStart[b]]) : 0;
  if (va !== vb) return va > vb;
  return candStart[a + 1] - candStart[a] < candStart[b + 1] - candStart[b];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Slots that must stay free for lunch (constraint 13): one in each term whose lunch slots are not all taken yet. */
function lunchReserved(inst: Instance, lo: number, hi: number): number {
  const { lunchLo, lunchHi } = inst;
  let reserved = 0;
  for (let t = 0; t < lunchLo.length; t++)
    if ((lo & lunchLo[t]) !== lunchLo[t] || (hi & lunchHi[t]) !== lunchHi[t]) reserved++;
  return reserved;
}

/**
 * Upper bound on the integer value of any schedule: every position at its best candidate's
 * integer value, or, when their slot needs exceed the free slots, only as many of the most
 * valuable positions as the smallest needs allow.
 */
function integerCeiling(ws: ScheduleSearch, baseLo: number, baseHi: number): number {
  const { candStart, candVal, posMinNeed, tops, needs } = ws;
  const free = ws.slots - popcount(baseLo) - popcount(baseHi) - lunchReserved(ws.instance, baseLo, baseHi);
  let m = 0;
  let sum = 0;
  let needSum = 0;
  for (let p = 0; p < ws.nGroups; p++) {
    const top = Math.floor(candVal[candStart[p]]);
    if (top <= 0) continue;
    tops[m] = top;
    needs[m] = posMinNeed[p];
    m++;
    sum += top;
    needSum += posMinNeed[p];
  }
  return needSum <= free ? sum : largestThatFit(tops, needs, m, free);
}

/**
 * Upper bound on what positions d.. can still add with slots lo/hi taken: each position at
 * its best candidate that still fits, and, when their slot needs exceed the free slots, only
 * as many positions as the smallest needs allow (taking the largest values).
 */
function remainingBound(ws: ScheduleSearch, d: number, lo: number, hi: number): number {
  const { posOrder, candStart, candLo, candHi, candVal, candNeed, posMinNeed, tops, needs } = ws;
  const free = ws.slots - popcount(lo) - popcount(hi) - lunchReserved(ws.instance, lo, hi);
  let m = 0;
  let sum = 0;
  let needSum = 0;
  for (let k = d; k < ws.nGroups; k++) {
    const q = posOrder[k];
    let top = 0;
    let need = 64;
    const least = posMinNeed[q];
    // Best first: the first candidate that fits gives the top; stop once the need cannot drop.
    for (let c = candStart[q]; c < candStart[q + 1]; c++) {
      if ((candLo[c] & lo) !== 0 || (candHi[c] & hi) !== 0) continue;
      if (top === 0) top = candVal[c];
      if (candNeed[c] < need) need = candNeed[c];
      if (need === least) break;
    }
    if (top <= 0) continue;
    tops[m] = top;
    needs[m] = need;
    m++;
    sum += top;
    needSum += need;
  }
  return needSum <= free ? sum : largestThatFit(tops, needs, m, free);
}

/**
 * Sum of the largest values when only as many of the m positions as fit in `free` slots (by
 * their smallest slot needs) can be chosen. Sorts tops[0..m) and needs[0..m) in place.
 */
function largestThatFit(tops: Float64Array, needs: Int32Array, m: number, free: number): number {
  for (let a = 1; a < m; a++) {
    const x = needs[a];
    let b = a - 1;
    while (b >= 0 && needs[b] > x) {
      needs[b + 1] = needs[b];
      b--;
    }
    needs[b + 1] = x;
  }
  let count = 0;
  for (let used = 0; count < m && used + needs[count] <= free; count++) used += needs[count];
  for (let a = 1; a < m; a++) {
    const x = tops[a];
    let b = a - 1;
    while (b >= 0 && tops[b] < x) {
      tops[b + 1] = tops[b];
      b--;
    }
    tops[b + 1] = x;
  }
  let bound = 0;
  for (let k = 0; k < count; k++) bound += tops[k];
  return bound;
}

/**
 * Constraints 12 and 13 on candidate c at depth d: the slots with it keep a lunch period free,
 * and its section is link-compatible with the held sections and those chosen above it.
 */
function fitsWithChosen(ws: ScheduleSearch, d: number, c: number, lo: number, hi: number): boolean {
  const inst = ws.instance;
  if (inst.lunchLo.length > 0 && !keepsLunch(inst, lo, hi)) return false;
  if (inst.nLinks === 0) return true;
  const s = ws.candSec[c];
  for (let k = 0; k < ws.nHeld; k++) if (!linkCompatible(inst, s, ws.held[k])) return false;
  for (let k = 0; k < d; k++) {
    const other = ws.choice[ws.posOrder[k]];
    if (other >= 0 && !linkCompatible(inst, s, ws.candSec[other])) return false;
  }
  return true;
}

function dfs(ws: ScheduleSearch, d: number, lo: number, hi: number, val: number): void {
  ws.nodes++;
  if (d === ws.nGroups) {
    if (val > ws.best + EPS) {
      ws.best = val;
      // One sum for both kinds of search (see runScheduleSearch's suffix[0]).
      const reached = val + EPS;
      ws.pruneAt = ws.integerOnly === 1 ? Math.floor(reached) + 1 - EPS : reached;
      for (let k = 0; k < d; k++) ws.bestChoice[k] = ws.choice[k];
    }
    return;
  }
  const p = ws.posOrder[d];
  if (val + ws.suffix[d] <= ws.pruneAt) return;
  // Without an incumbent nothing can be pruned: the first dive (the greedy schedule) is free.
  if (ws.best >= 0 && val + remainingBound(ws, d, lo, hi) <= ws.pruneAt) return;
  const { candLo, candHi, candVal, candSec } = ws;
  const load = ws.teacherLoad;
  const inst = ws.instance;
  const max = inst.teacherMaxStudents;
  const end = ws.candStart[p + 1];
  const rest = ws.suffix[d + 1];
  for (let c = ws.candStart[p]; c < end; c++) {
    const v = candVal[c];
    if (v <= 0 || val + v + rest <= ws.pruneAt) break;
    if ((candLo[c] & lo) !== 0 || (candHi[c] & hi) !== 0) continue;
    if (ws.pairRules === 1 && !fitsWithChosen(ws, d, c, lo | candLo[c], hi | candHi[c])) continue;
    let t = -1;
    let u = -1;
    if (load.length > 0) {
      const s = candSec[c];
      t = inst.secTeacher[s];
      u = inst.secCoTeacher[s];
      if (u === t) u = -1;
      if (t >= 0 && load[t] + ws.pending[t] >= max[t]) continue;
      if (u >= 0 && load[u] + ws.pending[u] >= max[u]) continue;
      if (t >= 0) ws.pending[t]++;
      if (u >= 0) ws.pending[u]++;
    }
    ws.choice[p] = c;
    dfs(ws, d + 1, lo | candLo[c], hi | candHi[c], val + v);
    if (t >= 0) ws.pending[t]--;
    if (u >= 0) ws.pending[u]--;
    if (ws.best >= ws.target - EPS || ws.nodes > ws.nodeLimit) return;
  }
  ws.choice[p] = -1;
  dfs(ws, d + 1, lo, hi, val);
}
