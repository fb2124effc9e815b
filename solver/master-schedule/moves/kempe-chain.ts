import { INFEASIBLE, MAX_TOUCHED, tryRelocation, type SearchContext } from "../relocation.ts";

/** Longest chain tried: each section in it re-seats its students, so long chains are costly to score. */
const MAX_CHAIN = Math.min(MAX_TOUCHED, 4);
const chain = new Int32Array(MAX_CHAIN);
const targets = new Int32Array(MAX_CHAIN);

/**
 * Neighbourhood 4, the Kempe chain of timetabling: section s goes from period p to q, every
 * section in q that shares a teacher, co-teacher or room with it (in a shared term) goes to p,
 * every section in p sharing one with those goes to q, and so on until the chain closes. Swapping
 * the whole chain keeps every teacher and room in one place per slot by construction; it fails
 * only on an unavailable teacher, a section whose period is given, or a chain longer than
 * MAX_CHAIN.
 */
export function kempeChain(
  ctx: SearchContext,
  s: number,
  q: number,
  movable: Uint8Array,
  accept: (delta: number) => boolean,
): number {
  const { inst, state } = ctx;
  const p = state.period[s];
  if (p === 0 || p === q || !movable[s]) return INFEASIBLE;
  let n = 0;
  chain[n] = s;
  targets[n++] = q;
  for (let head = 0; head < n; head++) {
    const x = chain[head];
    const to = targets[head];
    const from = to === q ? p : q;
    const terms = inst.secTermMask[x];
    const teacher = state.teacher[x];
    const coTeacher = state.coTeacher[x];
    const room = state.room[x];
    for (let y = 0; y < inst.nSections; y++) {
      if (state.period[y] !== to || (inst.secTermMask[y] & terms) === 0) continue;
      const shares =
        (teacher >= 0 && (state.teacher[y] === teacher || state.coTeacher[y] === teacher)) ||
        (coTeacher >= 0 && (state.teacher[y] === coTeacher || state.coTeacher[y] === coTeacher)) ||
        (room >= 0 && state.room[y] === room);
      if (!shares) continue;
      let listed = false;
      for (let k = 0; k < n; k++) if (chain[k] === y) listed = true;
      if (listed) continue;
      if (!movable[y] || n === MAX_CHAIN) return INFEASIBLE;
      chain[n] = y;
      targets[n++] = from;
    }
  }
  return tryRelocation(ctx, chain, targets, n, accept);
}
