import { INFEASIBLE, tryRelocation, type SearchContext } from "../relocation.ts";

const MAX_BLOCKERS = 3;
const sections = new Int32Array(MAX_BLOCKERS + 1);
const targets = new Int32Array(MAX_BLOCKERS + 1);

/**
 * Neighbourhood 3: section s to period q, and the sections that block it there (holding its
 * teacher, co-teacher or given room in q) to s's old period, all at once: a swap generalised to
 * the two or three sections a teacher and a room tie together.
 */
export function ejectBlockers(
  ctx: SearchContext,
  s: number,
  q: number,
  movable: Uint8Array,
  accept: (delta: number) => boolean,
): number {
  const { inst, state } = ctx;
  const p = state.period[s];
  if (p === 0 || p === q) return INFEASIBLE;
  const terms = inst.secTermMask[s];
  const teacher = state.teacher[s];
  const coTeacher = state.coTeacher[s];
  const room = inst.secNeedsRoom[s] ? -1 : state.room[s];
  let n = 0;
  sections[n] = s;
  targets[n++] = q;
  for (let b = 0; b < inst.nSections; b++) {
    if (b === s || state.period[b] !== q || (inst.secTermMask[b] & terms) === 0) continue;
    const shares =
      (teacher >= 0 && (state.teacher[b] === teacher || state.coTeacher[b] === teacher)) ||
      (coTeacher >= 0 && (state.teacher[b] === coTeacher || state.coTeacher[b] === coTeacher)) ||
      (room >= 0 && state.room[b] === room);
    if (!shares) continue;
    if (!movable[b] || n > MAX_BLOCKERS) return INFEASIBLE;
    sections[n] = b;
    targets[n++] = p;
  }
  if (n === 1) return INFEASIBLE;
  return tryRelocation(ctx, sections, targets, n, accept);
}
