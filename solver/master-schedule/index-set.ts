/** A set of small integers with O(1) add, remove and membership, and its members in an array to sample from. */
export interface IndexSet {
  items: Int32Array;
  size: number;
  /** Position of each integer in items, -1 when absent. */
  position: Int32Array;
}

/** An empty set over 0..capacity-1. */
export function newIndexSet(capacity: number): IndexSet {
  return { items: new Int32Array(capacity), size: 0, position: new Int32Array(capacity).fill(-1) };
}

/** Adds i (no-op when present). */
export function addToSet(set: IndexSet, i: number): void {
  if (set.position[i] >= 0) return;
  set.position[i] = set.size;
  set.items[set.size++] = i;
}

/** Removes i (no-op when absent); the last member takes its place. */
export function removeFromSet(set: IndexSet, i: number): void {
  const at = set.position[i];
  if (at < 0) return;
  const last = set.items[--set.size];
  set.items[at] = last;
  set.position[last] = at;
  set.position[i] = -1;
}
