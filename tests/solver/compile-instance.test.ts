import { describe, expect, it } from "vitest";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { instanceTransferList } from "../../solver/instance/instance.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { randomSchool } from "./random-school.ts";

describe("compileInstance", () => {
  it("lets placements override a section's period and leaves unplaced sections unloadable", () => {
    const school = randomSchool(31, { students: 40, periods: 5, semesters: false });
    const first = school.sections[0];
    const placements = [
      { sectionId: first.sectionId, period: first.period === 5 ? 1 : 5, teacherId: first.teacherId, roomId: first.roomId },
      { sectionId: school.sections[1].sectionId, period: undefined },
    ];
    const inst = compileInstance(school, placements);
    expect(inst.secPeriod[0]).toBe(placements[0].period);
    expect(inst.secLoadable[1]).toBe(0);
    const { roster } = solveSchool(school, { seed: 1, quality: "quick" }, placements);
    expect(roster.sections[1].period).toBeUndefined();
    expect(roster.enrollments.some((e) => e.sectionId === school.sections[1].sectionId)).toBe(false);
  });

  it("holds only typed arrays and string tables, so it survives a structured clone with its buffers transferred", () => {
    const inst = compileInstance(randomSchool(32, { students: 30 }));
    const buffers = instanceTransferList(inst);
    expect(buffers.length).toBeGreaterThan(10);
    const copy = structuredClone(inst);
    expect(copy.reqElig).toEqual(inst.reqElig);
    const moved = structuredClone(inst, { transfer: buffers });
    expect(moved.nRequests).toBe(copy.nRequests);
    expect(inst.reqElig.length).toBe(0); // detached: the buffer moved
  });

  it("keeps pinned enrollments as they are", () => {
    const school = randomSchool(33, { students: 60 });
    const first = solveSchool(school, { seed: 1, quality: "quick" });
    const pinned = first.roster.enrollments.filter((_, k) => k % 3 === 0);
    const again = solveSchool(school, { seed: 99, quality: "quick" }, undefined, pinned);
    for (const e of pinned) expect(again.roster.enrollments).toContainEqual(e);
  });
});
