import type { CourseRequest } from "../domain/problem.ts";
import { primaryCount } from "../domain/requests-by-student.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";

/**
 * The share of the whole-school bound a late-change run may carry as drift (the changed
 * students' primary requests, counted as all meetable) before it computes the whole school's
 * bound again. bench:late (a 3,000-student high school, 300 late students copying the requests
 * of a school at capacity): carried alone, the bound after them was 31,412, the part's 30,663,
 * the whole school's 30,480, for 30,309 met; that costs ~0.25 s CPU, so at 1% a run of single
 * late students computes it about once every 30 students.
 */
export const WHOLE_DRIFT_SHARE = 0.01;

/**
 * A late-change run's bounds built on the live run's (`live`: its whole-school bound, valid for
 * the problem the live run was made from), when only the rows of the `changed` students changed
 * since. Any valid roster of the school now, without the changed students, is a valid roster of
 * the school then (removing students breaks no hard constraint: none makes a seat compulsory),
 * so it meets at most live.whole; the changed students still at the school (`requestsOf` is the
 * school now) add at most their primary requests. That sum bounds every valid roster now, the
 * late run's among them, and is the next late run's. Once those additions reach
 * WHOLE_DRIFT_SHARE of it, the whole school's bound is computed again (`wholeNow`) and the
 * smaller kept. The part's own bound counts every student outside the part as able to meet
 * every primary request: the smallest of them is the best.
 */
export function withCarriedBound(
  bounds: RequestBounds,
  live: RequestBounds,
  changed: ReadonlySet<string>,
  requestsOf: ReadonlyMap<string, CourseRequest[]>,
  wholeNow: () => number,
): RequestBounds {
  if (live.whole === undefined) return bounds;
  let added = 0;
  for (const studentId of changed) {
    const requests = requestsOf.get(studentId);
    if (requests) added += primaryCount(requests);
  }
  let whole = live.whole + added;
  let wholeDrift = (live.wholeDrift ?? 0) + added;
  if (wholeDrift > WHOLE_DRIFT_SHARE * live.whole) {
    whole = Math.min(whole, wholeNow());
    wholeDrift = 0;
  }
  const carried = { ...bounds, whole, wholeDrift };
  return whole < bounds.best ? { ...carried, best: whole, bestBy: "whole" } : carried;
}
