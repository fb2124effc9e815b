import { describe, expect, it } from "vitest";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { createScheduleSearch } from "../../solver/construct/schedule-search.ts";
import { augmentGroup, augmentUnmet, createAugment } from "../../solver/improve/augment-unmet.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import type { Instance } from "../../solver/instance/instance.ts";
import { loadInstance } from "../../solver/load/load-instance.ts";
import { assignRequest, createLoadState, type LoadState } from "../../solver/load/load-state.ts";
import { unmetReasons } from "../../solver/load/unmet-reasons.ts";
import { decodeRoster } from "../../solver/solve-school.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { asProblem } from "./as-problem.ts";
import { handSchool } from "./hand-school.ts";
import { randomSchool } from "./random-school.ts";

/** Request index of a student's request for a course. */
function requestOf(inst: Instance, student: string, course: string): number {
  for (let r = 0; r < inst.nRequests; r++) {
    if (inst.studentIds[inst.reqStudent[r]] === student && inst.courseIds[inst.reqCourse[r]] === course) return r;
  }
  throw new Error(`no request of ${student} for ${course}`);
}

/** The state's load as a roster, checked by the validator of every hard constraint. */
function violationsOf(school: SchoolProblem, st: LoadState): unknown[] {
  const roster = decodeRoster(school, st.instance, {
    reqSection: st.reqSec,
    groupReason: unmetReasons(st),
  } as Parameters<typeof decodeRoster>[2]);
  return validateRoster(asProblem(school), [roster]);
}

describe("augmenting chains", () => {
  it("meet a request by moving the student's clashing class, whose new section a classmate makes room in", () => {
    // X holds A1 (period 1) and wants B, only in period 1. A2 (period 2) is full with Y, who
    // can take A1 once X leaves it. Chain: X's A out of A1, Y to A1, X's A to A2, X takes B1.
    const school = handSchool(
      [
        ["A1", "A", 1, 1],
        ["A2", "A", 2, 1],
        ["B1", "B", 1, 1],
      ],
      [
        ["X", "A"],
        ["X", "B"],
        ["Y", "A"],
      ],
    );
    const inst = compileInstance(school);
    const st = createLoadState(inst);
    const section = (id: string) => inst.sectionIds.indexOf(id);
    assignRequest(st, requestOf(inst, "X", "A"), section("A1"));
    assignRequest(st, requestOf(inst, "Y", "A"), section("A2"));
    const xb = requestOf(inst, "X", "B");
    expect(augmentGroup(createScheduleSearch(inst), st, createAugment(st), inst.reqGroup[xb])).toBe(true);
    expect(st.reqSec[xb]).toBe(section("B1"));
    expect(st.reqSec[requestOf(inst, "X", "A")]).toBe(section("A2"));
    expect(st.reqSec[requestOf(inst, "Y", "A")]).toBe(section("A1"));
    expect(st.counters.primaryMet).toBe(3);
    expect(violationsOf(school, st)).toEqual([]);
  });

  it("leave the state exactly as it was when no chain exists", () => {
    const school = handSchool(
      [
        ["A1", "A", 1, 1],
        ["B1", "B", 1, 1],
      ],
      [
        ["X", "A"],
        ["X", "B"],
        ["Y", "B"],
      ],
    );
    const inst = compileInstance(school);
    const st = createLoadState(inst);
    assignRequest(st, requestOf(inst, "X", "A"), inst.sectionIds.indexOf("A1"));
    assignRequest(st, requestOf(inst, "Y", "B"), inst.sectionIds.indexOf("B1"));
    const before = Int32Array.from(st.reqSec);
    expect(
      augmentGroup(createScheduleSearch(inst), st, createAugment(st), inst.reqGroup[requestOf(inst, "X", "B")]),
    ).toBe(false);
    expect(st.reqSec).toEqual(before);
    expect(st.secSize).toEqual(Int32Array.from([1, 1]));
  });

  it("never lower a more important level and keep every hard constraint on random schools", () => {
    let gained = 0;
    for (const seed of [1, 2, 3, 4]) {
      const school = randomSchool(seed, { students: 120, seatRatio: 0.95 });
      const inst = compileInstance(school);
      // A weak start (no improvement moves) leaves groups for the chains to meet.
      const start = loadInstance(inst, { seed, quality: "quick", maxMoves: 0 });
      const st = createLoadState(inst);
      for (let r = 0; r < inst.nRequests; r++) if (start.reqSection[r] >= 0) assignRequest(st, r, start.reqSection[r]);
      const levels = Array.from(st.levelMet);
      gained += augmentUnmet(createScheduleSearch(inst), st, createAugment(st));
      const after = Array.from(st.levelMet);
      const firstChange = after.findIndex((n, l) => n !== levels[l]);
      if (firstChange >= 0) expect(after[firstChange]).toBeGreaterThan(levels[firstChange]);
      expect(violationsOf(school, st)).toEqual([]);
    }
    expect(gained).toBeGreaterThan(0);
  });
});
