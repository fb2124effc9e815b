import type { Instance } from "./instance.ts";

/**
 * A number naming the sequence of eligibility lists of group g's requests (Instance.reqEligList),
 * the same for two groups exactly when their requests' lists are the same, in the same order;
 * -1 when a request has a list of its own (or the sequence is too long to name in a safe
 * integer). Whatever a bound derives from a group's lists alone (its sections, its type) is
 * then worked out once per key: the high-school preset's 28,629 groups have 133 distinct lists
 * among the 19,465 of a single request, and each list is 15 sections on average. (The time
 * bound's candidates per key were tried too: no gain in `mse schedule`, 28.8 ms of main-thread
 * CPU against 29.6, median of 16 alternated pairs, so they are gathered group by group.)
 */
export function groupListsKey(inst: Instance, g: number): number {
  const base = inst.nEligLists + 1;
  let key = 0;
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
    const list = inst.reqEligList[r];
    if (list < 0 || key > (Number.MAX_SAFE_INTEGER - base) / base) return -1;
    // Digits 1..nEligLists: no two sequences, of any lengths, share a key.
    key = key * base + list + 1;
  }
  return key;
}
