import type { BuildInstance } from "./build-instance.ts";

/**
 * Low word of the slots (slot = term * nPeriods + period - 1, bits 0..31) a term mask occupies
 * from period p on, for `length` periods (constraint 10; 1 by default).
 */
export function slotMaskLo(inst: BuildInstance, termMask: number, p: number, length = 1): number {
  let lo = 0;
  for (let t = 0; t < inst.nTerms; t++) {
    if (!(termMask & (1 << t))) continue;
    for (let k = 0; k < length; k++) {
      const slot = t * inst.nPeriods + p + k - 1;
      if (slot < 32) lo |= 1 << slot;
    }
  }
  return lo;
}

/** High word (slots 32..63) of the same mask. */
export function slotMaskHi(inst: BuildInstance, termMask: number, p: number, length = 1): number {
  let hi = 0;
  for (let t = 0; t < inst.nTerms; t++) {
    if (!(termMask & (1 << t))) continue;
    for (let k = 0; k < length; k++) {
      const slot = t * inst.nPeriods + p + k - 1;
      if (slot >= 32) hi |= 1 << (slot - 32);
    }
  }
  return hi;
}
