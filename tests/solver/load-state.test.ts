import { describe, expect, it } from "vitest";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import {
  assignRequest,
  createLoadState,
  moveToLastSeat,
  unassignRequest,
  type LoadState,
} from "../../solver/load/load-state.ts";
import { handSchool } from "./hand-school.ts";

/** Every array and counter of a load, to compare two loads whole. */
function snapshot(st: LoadState): unknown {
  const { instance: _instance, counters, ...arrays } = st;
  return { counters: { ...counters }, arrays: Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, [...a]])) };
}

describe("the load state", () => {
  it("moveToLastSeat leaves the load exactly as taking the request out and seating it again would", () => {
    const school = handSchool(
      [["A1", "A", 1, 4]],
      [
        ["W", "A"],
        ["X", "A"],
        ["Y", "A"],
        ["Z", "A"],
      ],
    );
    const inst = compileInstance(school);
    for (let moved = 0; moved < 4; moved++) {
      const direct = createLoadState(inst);
      const undone = createLoadState(inst);
      for (const st of [direct, undone]) for (let r = 0; r < 4; r++) assignRequest(st, r, 0);
      moveToLastSeat(direct, moved);
      unassignRequest(undone, moved);
      assignRequest(undone, moved, 0);
      expect(snapshot(direct)).toEqual(snapshot(undone));
      expect(direct.members[3]).toBe(moved);
    }
  });
});
