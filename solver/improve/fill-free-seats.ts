import { placeStudent } from "../construct/place-student.ts";
import type { ScheduleSearch } from "../construct/schedule-search.ts";
import type { LoadState } from "../load/load-state.ts";
import { canTake } from "../load/seat-test.ts";

/**
 * Last pass: a student with an unmet group that some open section could take right now (a
 * seat, no clash, no avoid partner, lunch and links kept) is re-placed; the exact search can only do better for them,
 * and nobody else changes. Seats freed late by the improvement are used this way.
 */
export function fillFreeSeats(ws: ScheduleSearch, st: LoadState): void {
  const inst = st.instance;
  for (let g = 0; g < inst.nGroups; g++) {
    if (st.groupMet[g] >= 0) continue;
    const i = inst.groupStudent[g];
    let free = false;
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1] && !free; r++) {
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        if (!canTake(st, inst.reqElig[e], i)) continue;
        free = true;
        break;
      }
    }
    if (free) placeStudent(ws, st, i);
  }
}
