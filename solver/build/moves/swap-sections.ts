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
 * When section s cannot move to period q, exchanges it with what blocks it there: the section its
 * teacher (or co-teacher, or given room) holds in q, else any movable section in q, so that each
 * takes the other's period and freed resources.
 */
export function swapWithBlocker(ctx: SearchContext, s: number, q: number, movable: Uint8Array, accept: (delta: number) => boolean): number {
  const { inst, state } = ctx;
  if (state.period[s] === 0 || state.period[s] === q) return INFEASIBLE;
  const terms = inst.secTermMask[s];
  let blocker = -1;
  let anyCount = 0;
  let any = -1;
  for (let b = 0; b < inst.nSections; b++) {
    if (b === s || state.period[b] !== q || !movable[b] || (inst.secTermMask[b] & terms) === 0) continue;
    const sameTeacher = state.teacher[s] >= 0 && (state.teacher[b] === state.teacher[s] || state.coTeacher[b] === state.teacher[s]);
    const sameCo = state.coTeacher[s] >= 0 && (state.teacher[b] === state.coTeacher[s] || state.coTeacher[b] === state.coTeacher[s]);
    const sameRoom = !inst.secNeedsRoom[s] && state.room[s] >= 0 && state.room[b] === state.room[s];
    if (sameTeacher || sameCo || sameRoom) {
      blocker = b;
      break;
    }
    // Reservoir sampling: a uniformly random movable section in q.
    if (randomInt(ctx.random, ++anyCount) === 0) any = b;
  }
  const b = blocker >= 0 ? blocker : any;
  return b < 0 ? INFEASIBLE : swapSections(ctx, s, b, accept);
}
