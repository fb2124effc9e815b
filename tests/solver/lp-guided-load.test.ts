import { describe, expect, it } from "vitest";
import { rosterToRequestSections } from "../../benchmarks/compare-with-exact.ts";
import { presetPlan, presetSchool } from "../../fixtures/generate.ts";
import { startLpEngine } from "../../solver/bounds/lp-engines.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { lpGuidedLoad } from "../../solver/exact/lp-guided-load.ts";
import { compareLevels, levelVector, primaryMetByLevel } from "../../solver/exact/level-vector.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { installLoad } from "../../solver/load/install-load.ts";
import { loadInstance } from "../../solver/load/load-instance.ts";
import { createLoadState } from "../../solver/load/load-state.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { asProblem } from "./as-problem.ts";

/** One school of the hard-small-v1.1 preset (seed 1) by its ID: a small high school with lunch and links. */
function hardSmallV11(schoolId: string): SchoolProblem {
  const planned = presetPlan("hard-small-v1.1", 1).find((p) => p.spec.schoolId === schoolId);
  if (!planned) throw new Error(`no ${schoolId} in hard-small-v1.1`);
  return presetSchool("hard-small-v1.1", 1, planned);
}

const total = (levels: number[]) => levels.slice(0, -1).reduce((a, b) => a + b, 0);

describe("the LP-guided search of a small school's load", () => {
  it("returns only a load that seats as it is and is better than its start level by level", async () => {
    await startLpEngine("highs");
    // HS-0008 (269 students): quick's moves stall at 1,613 primary requests met, the optimum is 1,623.
    const inst = compileInstance(hardSmallV11("HS-0008"));
    const options = { seed: 1, quality: "quick" as const, smallSchool: true };
    const heuristic = loadInstance(inst, options);
    const better = lpGuidedLoad(
      inst,
      heuristic.reqSection,
      (load) => loadInstance(inst, options, Infinity, load).reqSection,
    );
    expect(better).toBeDefined();
    expect(installLoad(createLoadState(inst), better!)).toBe(true);
    expect(compareLevels(levelVector(inst, better!), levelVector(inst, heuristic.reqSection))).toBeGreaterThan(0);
  });

  it("gives a quick roster that passes the validator and is never worse than the heuristic's alone", async () => {
    const school = hardSmallV11("HS-0008");
    const inst = compileInstance(school);
    const heuristic = loadInstance(inst, { seed: 1, quality: "quick", smallSchool: true });
    const solved = await solveSchool(school, { seed: 1, quality: "quick" });
    const load = rosterToRequestSections(inst, solved.roster);
    expect(validateRoster(asProblem(school), [solved.roster])).toEqual([]);
    expect(compareLevels(levelVector(inst, load), levelVector(inst, heuristic.reqSection))).toBeGreaterThanOrEqual(0);
    // Within 0.5% of the optimum the exact MIP proves (1,623; benchmarks/results/exact-hard-small-v1.1-1.md).
    expect(primaryMetByLevel(inst, load).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(Math.ceil(0.995 * 1623));
    expect(solved.timings.lpGuided).toBeDefined();
    expect(total(levelVector(inst, load))).toBeGreaterThan(total(levelVector(inst, heuristic.reqSection)));
  });
});
