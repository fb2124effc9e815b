import { describe, expect, it } from "vitest";
import { weightedValue } from "../../solver/bounds/load-model.ts";
import { exactLoad } from "../../solver/exact/exact-load.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { loadInstance } from "../../solver/load/load-instance.ts";
import { solveSchoolAsync } from "../../solver/solve-school.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import type { Instance } from "../../solver/instance/instance.ts";
import { randomSchool } from "./random-school.ts";

/** Section per request of a roster, read back through the instance. */
function sectionsOfRoster(inst: Instance, roster: SchoolRoster): Int32Array {
  const section = new Map(inst.sectionIds.map((id, s) => [id, s]));
  const student = new Map(inst.studentIds.map((id, i) => [id, i]));
  const out = new Int32Array(inst.nRequests).fill(-1);
  for (const e of roster.enrollments) {
    const i = student.get(e.studentId)!;
    const s = section.get(e.sectionId)!;
    const r0 = inst.groupReqStart[inst.studentGroupStart[i]];
    const r1 = inst.groupReqStart[inst.studentGroupStart[i + 1]];
    for (let r = r0; r < r1; r++) if (inst.reqCourse[r] === inst.secCourse[s]) out[r] = s;
  }
  return out;
}

describe("the loader against the exact MIP", () => {
  it("matches the exact MIP optimum on small random schools", async () => {
    let equal = 0;
    const seeds = [1, 2, 3, 4, 5];
    for (const seed of seeds) {
      const school = randomSchool(seed, { students: 50 + seed * 20 });
      const inst = compileInstance(school);
      const optimum = await exactLoad(inst, { engine: "highs", timeLimitSeconds: 60 });
      expect(optimum.status).toBe("optimal");
      const solved = await solveSchoolAsync(school, { seed, quality: "full", maxMoves: 3000 });
      const value = weightedValue(inst, sectionsOfRoster(inst, solved.roster));
      expect(value).toBeLessThanOrEqual(optimum.value);
      expect(value).toBeGreaterThanOrEqual(optimum.value * 0.998);
      if (value === optimum.value) equal++;
    }
    expect(equal).toBeGreaterThan(seeds.length / 2);
  });

  it("is never more than 0.2% below the optimum without the exact model (heuristic alone)", async () => {
    for (const seed of [11, 12, 13]) {
      const inst = compileInstance(randomSchool(seed, { students: 120 }));
      const optimum = await exactLoad(inst, { engine: "highs", timeLimitSeconds: 60 });
      const heuristic = loadInstance(inst, { seed, quality: "full", maxMoves: 10_000 });
      expect(weightedValue(inst, heuristic.reqSection)).toBeGreaterThanOrEqual(optimum.value * 0.998);
    }
  });

  it("gets the same optimum from glpk and highs on a small school", async () => {
    const inst = compileInstance(randomSchool(3, { students: 40 }));
    const highs = await exactLoad(inst, { engine: "highs" });
    const glpk = await exactLoad(inst, { engine: "glpk" });
    expect(glpk.status).toBe("optimal");
    expect(glpk.value).toBe(highs.value);
  });
});
