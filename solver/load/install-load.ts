import { seatPinned } from "../construct/construct-load.ts";
import { assignRequest, type LoadState } from "./load-state.ts";
import { canTake } from "./seat-test.ts";

/**
 * Seats a given load (section per request, -1 unmet; e.g. the exact model's answer) into an
 * empty state, checking every hard constraint on the way. Returns false, leaving a partial
 * state, as soon as one seat would break one.
 */
export function installLoad(st: LoadState, reqSection: Int32Array): boolean {
  const inst = st.instance;
  seatPinned(st);
  for (let r = 0; r < inst.nRequests; r++) {
    const s = reqSection[r];
    if (s < 0 || st.reqSec[r] === s) continue;
    const i = inst.reqStudent[r];
    if (st.groupMet[inst.reqGroup[r]] >= 0) return false;
    let open = false;
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) if (inst.reqElig[e] === s) open = true;
    if (!open || !canTake(st, s, i)) return false;
    assignRequest(st, r, s);
  }
  return true;
}
