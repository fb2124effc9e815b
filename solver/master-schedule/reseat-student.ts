import type { BuildInstance } from "./build-instance.ts";
import type { ScheduleState } from "./schedule-state.ts";
import { holdSeat, releaseSeat, seatPrice, type LoadEstimate } from "./load-estimate.ts";

/**
 * Work buffers for reseatStudent, sized once per instance so that the search allocates nothing.
 * Per group position d of the student, its choices are the distinct slot sets ("masks") its placed
 * sections occupy, each represented by its best section (a free seat first, then the emptiest).
 */
export interface SeatSearch {
  nodeLimit: number;
  nodes: number;
  best: number;
  groups: number;
  /** Seats by group position: held before, and to hold after. */
  held: Int32Array;
  next: Int32Array;
  /** Group positions in search order (fewest choices first). */
  order: Int32Array;
  choice: Int32Array;
  bestChoice: Int32Array;
  weight: Int32Array;
  /** Choices of each group position d: count and, at d * width + k, mask, section, price and fill. */
  width: number;
  count: Int32Array;
  maskLo: Int32Array;
  maskHi: Int32Array;
  section: Int32Array;
  price: Int32Array;
  fill: Float64Array;
  /** Per (period, term mask) key: the position of its choice in the group being gathered, valid when keyStamp matches. */
  keyAt: Int32Array;
  keyStamp: Uint32Array;
  stamp: number;
  /** Key stride: nPeriods + 1. */
  keyStride: number;
}

/** Buffers for the largest student and group of the instance. */
export function newSeatSearch(inst: BuildInstance, nodeLimit: number): SeatSearch {
  let depth = 1;
  for (let i = 0; i < inst.nStudents; i++)
    depth = Math.max(depth, inst.studentGroupStart[i + 1] - inst.studentGroupStart[i]);
  let width = 1;
  for (let g = 0; g < inst.nGroups; g++) width = Math.max(width, inst.groupOptStart[g + 1] - inst.groupOptStart[g]);
  const n = depth * width;
  return {
    nodeLimit,
    nodes: 0,
    best: 0,
    groups: 0,
    held: new Int32Array(depth),
    next: new Int32Array(depth),
    order: new Int32Array(depth),
    choice: new Int32Array(depth),
    bestChoice: new Int32Array(depth),
    weight: new Int32Array(depth),
    width,
    count: new Int32Array(depth),
    maskLo: new Int32Array(n),
    maskHi: new Int32Array(n),
    section: new Int32Array(n),
    price: new Int32Array(n),
    fill: new Float64Array(n),
    keyAt: new Int32Array((inst.nPeriods + 1) << inst.nTerms),
    keyStamp: new Uint32Array((inst.nPeriods + 1) << inst.nTerms),
    stamp: 0,
    keyStride: inst.nPeriods + 1,
  };
}

/**
 * Re-seats student i in the estimate: gives up what the student holds and takes the cheapest
 * clash-free choice of one section per group (an unmet group costs its weight, a seat in a full
 * section or over a teacher's or IEP limit OVERFLOW_COST per limit), emptiest sections first. Bounded depth-first branch and bound; the old
 * seats are kept unless something strictly cheaper is found, so a re-seat never makes the score
 * worse when the old seats are still clash-free.
 */
export function reseatStudent(
  inst: BuildInstance,
  state: ScheduleState,
  est: LoadEstimate,
  search: SeatSearch,
  i: number,
): void {
  const g0 = inst.studentGroupStart[i];
  const k = inst.studentGroupStart[i + 1] - g0;
  if (k === 0) return;
  const { held, next } = search;
  for (let d = 0; d < k; d++) {
    held[d] = est.assign[g0 + d];
    next[d] = held[d];
    releaseSeat(est, state, inst, g0 + d);
  }

  // Price the old seats in the released state; they are void if a move put two of them in one slot.
  let oldCost = 0;
  let lo = 0;
  let hi = 0;
  let oldValid = true;
  for (let d = 0; d < k; d++) {
    const s = held[d];
    if (s < 0) {
      oldCost += est.weight[g0 + d];
      continue;
    }
    if (state.period[s] === 0 || (state.maskLo[s] & lo) !== 0 || (state.maskHi[s] & hi) !== 0) {
      oldValid = false;
      break;
    }
    lo |= state.maskLo[s];
    hi |= state.maskHi[s];
    oldCost += seatPrice(inst, est, state, s, inst.studentIep[i]);
  }
  search.best = oldValid ? oldCost : Infinity;

  if (search.best > 0) {
    gatherChoices(inst, state, est, search, g0, k, inst.studentIep[i]);
    search.nodes = 0;
    if (descend(search, 0, 0, 0, 0)) {
      for (let d = 0; d < k; d++) next[search.order[d]] = search.bestChoice[d];
    } else if (!oldValid) {
      next.fill(-1, 0, k);
    }
  }
  for (let d = 0; d < k; d++) holdSeat(est, state, inst, g0 + d, next[d]);
}

/** Fills the per-group distinct choices, sorted cheapest first, and orders groups fewest choices first. */
function gatherChoices(
  inst: BuildInstance,
  state: ScheduleState,
  est: LoadEstimate,
  search: SeatSearch,
  g0: number,
  k: number,
  iep: number,
): void {
  const { width, count, maskLo, maskHi, section, price, fill, order, keyAt, keyStamp, keyStride } = search;
  const termMask = inst.secTermMask;
  const period = state.period;
  for (let d = 0; d < k; d++) {
    const g = g0 + d;
    search.weight[d] = est.weight[g];
    const base = d * width;
    const stamp = ++search.stamp;
    let n = 0;
    for (let o = inst.groupOptStart[g]; o < inst.groupOptStart[g + 1]; o++) {
      const s = inst.groupOpt[o];
      if (period[s] === 0) continue;
      // The slots a section occupies follow from its period and terms: one key per distinct set.
      const key = termMask[s] * keyStride + period[s];
      const p = seatPrice(inst, est, state, s, iep);
      const f = est.load[s] / (state.effCapacity[s] + 1);
      let at: number;
      if (keyStamp[key] !== stamp) {
        keyStamp[key] = stamp;
        at = keyAt[key] = n++;
      } else {
        at = keyAt[key];
        if (price[base + at] < p || (price[base + at] === p && fill[base + at] <= f)) continue;
      }
      maskLo[base + at] = state.maskLo[s];
      maskHi[base + at] = state.maskHi[s];
      section[base + at] = s;
      price[base + at] = p;
      fill[base + at] = f;
    }
    // Cheapest, then emptiest, first (insertion sort: a handful of entries).
    for (let a = 1; a < n; a++) {
      const lo = maskLo[base + a],
        hi = maskHi[base + a],
        s = section[base + a],
        p = price[base + a],
        f = fill[base + a];
      let b = a;
      while (b > 0 && (price[base + b - 1] > p || (price[base + b - 1] === p && fill[base + b - 1] > f))) {
        maskLo[base + b] = maskLo[base + b - 1];
        maskHi[base + b] = maskHi[base + b - 1];
        section[base + b] = section[base + b - 1];
        price[base + b] = price[base + b - 1];
        fill[base + b] = fill[base + b - 1];
        b--;
      }
      maskLo[base + b] = lo;
      maskHi[base + b] = hi;
      section[base + b] = s;
      price[base + b] = p;
      fill[base + b] = f;
    }
    count[d] = n;
    let at = d;
    while (at > 0 && count[order[at - 1]] > n) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = d;
  }
  search.groups = k;
}

/**
 * Depth-first branch and bound over the ordered groups; true when it improved on search.best.
 * Bound: the cost so far plus, for every later group, the price of its cheapest choice still free
 * (its weight when none is).
 */
function descend(search: SeatSearch, depth: number, lo: number, hi: number, cost: number): boolean {
  const { order, width, count, maskLo, maskHi, price } = search;
  let bound = cost;
  for (let e = depth; e < search.groups; e++) {
    const d = order[e];
    const base = d * width;
    // Choices are sorted cheapest first: the first one still free is the cheapest this group can do.
    let cheapest = search.weight[d];
    for (let c = 0; c < count[d]; c++) {
      if ((maskLo[base + c] & lo) === 0 && (maskHi[base + c] & hi) === 0) {
        if (price[base + c] < cheapest) cheapest = price[base + c];
        break;
      }
    }
    bound += cheapest;
  }
  if (bound >= search.best) return false;
  if (depth === search.groups) {
    search.best = cost;
    for (let e = 0; e < depth; e++) search.bestChoice[e] = search.choice[e];
    return true;
  }
  search.nodes++;
  const d = order[depth];
  const base = d * width;
  let improved = false;
  for (let c = 0; c < count[d]; c++) {
    if (search.nodes > search.nodeLimit) return improved;
    const mLo = maskLo[base + c];
    const mHi = maskHi[base + c];
    if ((mLo & lo) !== 0 || (mHi & hi) !== 0) continue;
    search.choice[depth] = search.section[base + c];
    if (descend(search, depth + 1, lo | mLo, hi | mHi, cost + search.price[base + c])) improved = true;
  }
  if (search.nodes > search.nodeLimit) return improved;
  search.choice[depth] = -1;
  if (descend(search, depth + 1, lo, hi, cost + search.weight[d])) improved = true;
  return improved;
}
