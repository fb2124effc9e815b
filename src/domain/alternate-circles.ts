/**
 * Alternates of one student that go round in a circle (A for B and B for A, or longer): none of
 * them is a primary, so no roster can tell which to meet, and constraint 9 cannot hold.
 */

/** One request as far as the circle needs it. */
export interface AlternateLink {
  courseId: string;
  alternateFor?: string;
}

/**
 * The circles among one student's requests, each as the indexes of its requests in order,
 * starting from its earliest one; each circle once. A course listed twice counts at its first row.
 */
export function alternateCircles(requests: readonly AlternateLink[]): number[][] {
  const first = new Map<string, number>();
  requests.forEach((r, i) => {
    if (!first.has(r.courseId)) first.set(r.courseId, i);
  });
  const next = (i: number): number | undefined => {
    const primary = requests[i].alternateFor;
    return primary === undefined || primary === requests[i].courseId ? undefined : first.get(primary);
  };
  const circles: number[][] = [];
  for (let start = 0; start < requests.length; start++) {
    if (first.get(requests[start].courseId) !== start) continue;
    const circle = [start];
    for (let at = next(start); at !== undefined; at = next(at)) {
      if (at === start) {
        // Found from each of its members: kept only when started from its earliest one.
        if (circle.every((i) => i >= start)) circles.push(circle);
        break;
      }
      if (circle.includes(at)) break; // a circle that does not pass through start
      circle.push(at);
    }
  }
  return circles;
}
