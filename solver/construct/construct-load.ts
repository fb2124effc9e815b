import type { LoadState } from "../load/load-state.ts";
import { assignRequest } from "../load/load-state.ts";
import { placeStudent } from "./place-student.ts";
import type { ScheduleSearch } from "./schedule-search.ts";

/** Seats every pinned enrollment as given (they are kept whatever the rest of the load does). */
export function seatPinned(st: LoadState): void {
  const inst = st.instance;
  for (let r = 0; r < inst.nRequests; r++) {
    const s = inst.reqFixed[r];
    if (s >= 0 && st.groupMet[inst.reqGroup[r]] < 0) assignRequest(st, r, s);
  }
}

/** Builds a first load: each student in `order` gets the best schedule the earlier ones leave. */
export function constructLoad(ws: ScheduleSearch, st: LoadState, order: Int32Array): void {
  for (let k = 0; k < order.length; k++) placeStudent(ws, st, order[k]);
}
