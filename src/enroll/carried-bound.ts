import type { CourseRequest } from "../domain/problem.ts";
import { primaryCount } from "../domain/requests-by-student.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";

/**
 * A late-change run's bounds built on the live run's whole-school bound (`liveWhole`, valid for
 * the problem the live run was made from), when only the rows of the `changed` students changed
 * since. Any valid roster of the school now, without the changed students, is a valid roster of
 * the school then (removing students breaks no hard constraint: none makes a seat compulsory),
 * so it meets at most `liveWhole`; the changed students still at the school (`requestsOf` is the
 * school now) add at most their primary requests. That sum bounds every valid roster now, the
 * late run's among them, and is the next late run's `liveWhole`. The part's own bound counts every
 * student outside the part as able to meet every primary request: the smaller is the best.
 */
export function withCarriedBound(
  bounds: RequestBounds,
  liveWhole: number,
  changed: ReadonlySet<string>,
  requestsOf: ReadonlyMap<string, CourseRequest[]>,
): RequestBounds {
  let whole = liveWhole;
  for (const studentId of changed) {
    const requests = requestsOf.get(studentId);
    if (requests) whole += primaryCount(requests);
  }
  return whole < bounds.best ? { ...bounds, whole, best: whole, bestBy: "whole" } : { ...bounds, whole };
}
