/** How much work a school is, to hand out the largest first (a late giant would leave every other thread idle at the end). */

/** A school's weight: its requests, which the solver's time follows more closely than its students. */
export function schoolWeight(size: { students: number; requests: number }): number {
  return size.requests + size.students;
}

/** Indexes of `items` ordered heaviest first; ties keep input order, so the order is deterministic. */
export function heaviestFirst<T>(items: readonly T[], weight: (item: T) => number): number[] {
  return items.map((_, i) => i).sort((a, b) => weight(items[b]!) - weight(items[a]!) || a - b);
}
