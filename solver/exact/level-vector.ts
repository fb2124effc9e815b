import type { Instance } from "../instance/instance.ts";

/**
 * What the exact model optimizes, as a vector compared most important first: groups met at
 * each priority level, then minus the alternates used (fewer is better). The same as the first
 * nLevels + 1 terms of the loader's objective (load/objective.ts), computed from a load alone.
 */
export function levelVector(inst: Instance, reqSection: Int32Array): number[] {
  const out = new Array<number>(inst.nLevels + 1).fill(0);
  for (let r = 0; r < inst.nRequests; r++) {
    if (reqSection[r] < 0) continue;
    out[inst.groupLevel[inst.reqGroup[r]]]++;
    if (inst.reqAltRank[r] > 0) out[inst.nLevels]--;
  }
  return out;
}

/** Positive when `a` is lexicographically better than `b`, negative when worse, 0 when equal. */
export function compareLevels(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/** Primary groups met at each level (what report.json's byPriority counts), most important first. */
export function primaryMetByLevel(inst: Instance, reqSection: Int32Array): number[] {
  const out = new Array<number>(inst.nLevels).fill(0);
  for (let r = 0; r < inst.nRequests; r++) {
    const g = inst.reqGroup[r];
    if (reqSection[r] >= 0 && inst.groupPrimary[g]) out[inst.groupLevel[g]]++;
  }
  return out;
}
