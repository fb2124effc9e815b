import { describe, expect, it } from "vitest";
import { capacityBound, capacityFlowBound } from "../../solver/bounds/capacity-bound.ts";
import { lagrangianBound } from "../../solver/bounds/lagrangian-bound.ts";
import { lpBound } from "../../solver/bounds/lp-bound.ts";
import { levelBounds } from "../../solver/bounds/level-bounds.ts";
import { seatTimeBound } from "../../solver/bounds/seat-time-bound.ts";
import { studentTimeBounds, timeBound } from "../../solver/bounds/time-bound.ts";
import { levelVector } from "../../solver/exact/level-vector.ts";
import { loadInstance } from "../../solver/load/load-instance.ts";
import { exactLoad } from "../../solver/exact/exact-load.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { handSchool } from "./hand-school.ts";
import { randomSchool } from "./random-school.ts";

/** Primary groups met by a load. */
function primaryMet(inst: ReturnType<typeof compileInstance>, reqSection: Int32Array): number {
  let met = 0;
  for (let r = 0; r < inst.nRequests; r++) if (reqSection[r] >= 0 && inst.groupPrimary[inst.reqGroup[r]]) met++;
  return met;
}

describe("bounds on primary requests met", () => {
  it("are never below what the exact optimum meets", async () => {
    for (const seed of [1, 2, 3]) {
      const inst = compileInstance(randomSchool(seed, { students: 80 }));
      const exact = await exactLoad(inst, { engine: "highs" });
      const met = primaryMet(inst, exact.reqSection);
      expect(capacityBound(inst)).toBeGreaterThanOrEqual(met);
      expect(capacityFlowBound(inst)).toBeGreaterThanOrEqual(met);
      expect(capacityFlowBound(inst)).toBeLessThanOrEqual(capacityBound(inst));
      expect(timeBound(inst)).toBeGreaterThanOrEqual(met);
      const seatTime = seatTimeBound(inst, studentTimeBounds(inst));
      expect(seatTime).toBeGreaterThanOrEqual(met);
      expect(seatTime).toBeLessThanOrEqual(Math.min(capacityFlowBound(inst), timeBound(inst)));
      expect(await lpBound(inst, { engine: "highs" })).toBeGreaterThanOrEqual(met - 1e-6);
      expect(lagrangianBound(inst, { iterations: 30, lowerBound: met })).toBeGreaterThanOrEqual(met - 1e-6);
    }
  });

  it("bound each priority level on its own: never below the optimum of the first level, nor below any load's count", async () => {
    for (const seed of [1, 2, 3]) {
      const inst = compileInstance(randomSchool(seed, { students: 80 }));
      const bounds = levelBounds(inst);
      const exact = await exactLoad(inst, { engine: "highs" });
      expect(bounds[0]).toBeGreaterThanOrEqual(exact.levels[0]);
      const quick = levelVector(inst, loadInstance(inst, { seed, quality: "quick" }).reqSection);
      for (let l = 0; l < inst.nLevels; l++) {
        expect(bounds[l]).toBeGreaterThanOrEqual(exact.levels[l]);
        expect(bounds[l]).toBeGreaterThanOrEqual(quick[l]);
      }
    }
  });

  it("with seats and periods together, falls below both the capacity and the time bound when one student's time and another's seats bind", () => {
    // W and Z both want A (one seat): capacity binds there. X wants B and C, both in period 1:
    // time binds there. Capacity 1 + 1 + 1 = 3, time 1 + 1 + 1 = 3; together at most 2.
    const inst = compileInstance(
      handSchool(
        [
          ["A1", "A", 1, 1],
          ["B1", "B", 1, 1],
          ["C1", "C", 1, 1],
        ],
        [
          ["W", "A"],
          ["Z", "A"],
          ["X", "B"],
          ["X", "C"],
        ],
      ),
    );
    expect(capacityFlowBound(inst)).toBe(3);
    expect(timeBound(inst)).toBe(3);
    expect(seatTimeBound(inst, studentTimeBounds(inst))).toBe(2);
  });

  it("gives the same LP bound with glpk and highs", async () => {
    const inst = compileInstance(randomSchool(4, { students: 60 }));
    const highs = await lpBound(inst, { engine: "highs" });
    const glpk = await lpBound(inst, { engine: "glpk" });
    expect(glpk).toBeCloseTo(highs, 4);
  });

  it("counts a time bound below the requests when a student asks for more classes than periods", () => {
    const school = randomSchool(5, { students: 1, periods: 4, semesters: false });
    // Four requests at the same period: only one can be met.
    school.sections = school.sections.map((s) => ({ ...s, period: 1 }));
    const inst = compileInstance(school);
    expect(timeBound(inst)).toBe(1);
  });
});
