import type { Instance } from "../instance/instance.ts";
import { assignRequest, balanceCost, hasSeat, partnerIn, unassignRequest, type LoadState } from "../load/load-state.ts";

/**
 * Evens out the sections of each course that meet in the same slots: moving a student between
 * two of them changes nobody's timetable, so it is always safe and only the fill changes.
 * Moves one student at a time from the relatively fuller section to the emptier one while that
 * lowers the balance cost and the student may sit there (seat, IEP, teacher load, avoid, lock).
 */
export function rebalanceCourses(st: LoadState, pairs: Int32Array): void {
  for (let k = 0; k < pairs.length; k += 2) evenPair(st, pairs[k], pairs[k + 1]);
}

/** Pairs of loadable sections of one course meeting in exactly the same slots (and of one link), flattened (a, b, a, b, ...). */
export function sameSlotPairs(inst: Instance): Int32Array {
  const bySlots = new Map<string, number[]>();
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secLoadable[s]) continue;
    const key = `${inst.secCourse[s]}:${inst.secMaskId[s]}`;
    const list = bySlots.get(key);
    if (list) list.push(s);
    else bySlots.set(key, [s]);
  }
  const out: number[] = [];
  for (const list of bySlots.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) out.push(list[a], list[b]);
  }
  return Int32Array.from(out);
}

function moveGain(st: LoadState, from: number, to: number): number {
  const cf = st.instance.secCapacity[from];
  const ct = st.instance.secCapacity[to];
  const sf = st.secSize[from];
  const sz = st.secSize[to];
  return balanceCost(sf, cf) + balanceCost(sz, ct) - balanceCost(sf - 1, cf) - balanceCost(sz + 1, ct);
}

function evenPair(st: LoadState, a: number, b: number): void {
  for (let guard = 0; guard < 64; guard++) {
    // Two locals, not a [from, to] pair: this runs for every pair after every round of moves.
    let from = -1;
    let to = -1;
    if (moveGain(st, a, b) > 0) {
      from = a;
      to = b;
    } else if (moveGain(st, b, a) > 0) {
      from = b;
      to = a;
    }
    if (from < 0 || !moveOne(st, from, to)) return;
  }
}

/** Moves one student who may sit in `to` from `from` to `to`; false when none can. */
function moveOne(st: LoadState, from: number, to: number): boolean {
  const inst = st.instance;
  const base = st.memberStart[from];
  for (let k = st.secSize[from] - 1; k >= 0; k--) {
    const r = st.members[base + k];
    if (inst.reqFixed[r] >= 0) continue;
    const i = inst.reqStudent[r];
    let eligible = false;
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      if (inst.reqElig[e] === to) {
        eligible = true;
        break;
      }
    }
    if (!eligible) continue;
    unassignRequest(st, r);
    if (hasSeat(st, to, i) && !partnerIn(st, to, i)) {
      assignRequest(st, r, to);
      return true;
    }
    assignRequest(st, r, from);
  }
  return false;
}
