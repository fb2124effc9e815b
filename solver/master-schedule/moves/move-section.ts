import { tryRelocation, type SearchContext } from "../relocation.ts";

const section = new Int32Array(1);
const target = new Int32Array(1);

/** Neighbourhood 1: one section to another period (its teacher, co-teacher and room re-chosen if busy there). */
export function moveSection(ctx: SearchContext, s: number, q: number, accept: (delta: number) => boolean): number {
  section[0] = s;
  target[0] = q;
  return tryRelocation(ctx, section, target, 1, accept);
}
