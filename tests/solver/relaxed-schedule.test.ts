import { describe, expect, it } from "vitest";
import { createScheduleSearch } from "../../solver/construct/schedule-search.ts";
import { createRelaxedSchedule, relaxedSchedule } from "../../solver/improve/relaxed-schedule.ts";
import { studentCeilings, studentValue } from "../../solver/improve/schedule-ceiling.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import type { Instance } from "../../solver/instance/instance.ts";
import { assignRequest, createLoadState } from "../../solver/load/load-state.ts";
import { handSchool } from "./hand-school.ts";

function requestOf(inst: Instance, student: string, course: string): number {
  for (let r = 0; r < inst.nRequests; r++) {
    if (inst.studentIds[inst.reqStudent[r]] === student && inst.courseIds[inst.reqCourse[r]] === course) return r;
  }
  throw new Error(`no request of ${student} for ${course}`);
}

describe("student ceilings and relaxed schedules", () => {
  it("give each student the most their schedule can be worth, seats ignored", () => {
    // X wants A and B, both only in period 1: one of them at most, however empty the sections.
    // Y wants A and C, in periods 1 and 2: both, although A1 has a single seat X may take.
    const school = handSchool(
      [
        ["A1", "A", 1, 1],
        ["B1", "B", 1, 5],
        ["C1", "C", 2, 5],
      ],
      [
        ["X", "A"],
        ["X", "B"],
        ["Y", "A"],
        ["Y", "C"],
      ],
    );
    const inst = compileInstance(school);
    const ceilings = studentCeilings(inst).values;
    const x = inst.studentIds.indexOf("X");
    const y = inst.studentIds.indexOf("Y");
    expect(ceilings[x]).toBe(inst.reqValue[requestOf(inst, "X", "A")]);
    expect(ceilings[y]).toBe(inst.reqValue[requestOf(inst, "Y", "A")] + inst.reqValue[requestOf(inst, "Y", "C")]);
  });

  it("name the full sections a student needs a seat in, and leave the load as it was", () => {
    // Y holds A1's only seat and C1; X holds C1 too and wants A: its relaxed schedule needs A1.
    const school = handSchool(
      [
        ["A1", "A", 1, 1],
        ["C1", "C", 2, 5],
      ],
      [
        ["X", "A"],
        ["X", "C"],
        ["Y", "A"],
        ["Y", "C"],
      ],
    );
    const inst = compileInstance(school);
    const st = createLoadState(inst);
    const a1 = inst.sectionIds.indexOf("A1");
    const c1 = inst.sectionIds.indexOf("C1");
    assignRequest(st, requestOf(inst, "Y", "A"), a1);
    assignRequest(st, requestOf(inst, "Y", "C"), c1);
    assignRequest(st, requestOf(inst, "X", "C"), c1);
    const before = Int32Array.from(st.reqSec);
    const x = inst.studentIds.indexOf("X");
    const valueBefore = studentValue(st, x);
    const rs = createRelaxedSchedule(st);
    expect(relaxedSchedule(createScheduleSearch(inst), st, rs, x)).toBe(1);
    expect(rs.fullSec[0]).toBe(a1);
    expect(st.reqSec).toEqual(before);
    expect(studentValue(st, x)).toBe(valueBefore);
    // Y already holds everything it asked for: no schedule is better for it.
    expect(relaxedSchedule(createScheduleSearch(inst), st, rs, inst.studentIds.indexOf("Y"))).toBe(-1);
  });
});
