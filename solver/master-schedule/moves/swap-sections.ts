import { INFEASIBLE, tryRelocation, type SearchContext } from "../relocation.ts";
import { randomInt } from "../seeded-random.ts";

const sections = new Int32Array(2);
const targets = new Int32Array(2);

/** Neighbourhood 2: two placed sections exchange periods. */
export function swapSections(ctx: SearchContext, a: number, b: number, accept: (delta: number) => boolean): number {
  const { period } = ctx.state;
  if (period[a] === 0 || period[b] === 0 || period[a] === period[b]) return INFEASIBLE;
  sections[0] = a;
  sections[1] = b;
  targets[0] = period[b];
  targets[1] = period[a];
  return tryRelocation(ctx, sections, targets, 2, accept);
}

/**
 * A swap partner for section s in period q: a uniformly random movable section meeting in q in a
 * term s meets in; -1 when there is none.
 */
export function swapPartnerIn(ctx: SearchContext, s: number, q: number, movable: Uint8Array): number {
  const { inst, state } = ctx;
  const terms = inst.secTermMask[s];
  let seen = 0;
  let partner = -1;
  for (let b = 0; b < inst.nSections; b++) {
    if (b === s || state.period[b] !== q || !movable[b] || (inst.secTermMask[b] & terms) === 0) continue;
    // Reservoir sampling: each candidate kept with probability 1/seen.
    if (randomInt(ctx.random, ++seen) === 0) partner = b;
  }
  return partner;
}
