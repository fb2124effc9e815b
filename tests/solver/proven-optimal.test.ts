import { describe, expect, it } from "vitest";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { schoolReportOf } from "../../src/report/school-report.ts";
import { summarize } from "../../src/report/run-report.ts";
import { asProblem } from "./as-problem.ts";
import { randomSchool } from "./random-school.ts";

describe("report.json's optimality fields", () => {
  it("say a small school's load at full quality is proven optimal level by level, with no gap", async () => {
    const school = randomSchool(31, { students: 120, seatRatio: 0.95 });
    const outcome = await solveSchool(school, { seed: 1, quality: "full" });
    const report = schoolReportOf(school, outcome);
    expect(report.exact).toMatchObject({ status: "optimal" });
    expect(report.provenOptimal).toBe(true);
    expect(report.provenGap).toBe(0);
    expect(report.provenBy).toBe("exact");
    expect(validateRoster(asProblem(school), [outcome.roster])).toEqual([]);
    const totals = summarize([report], { startedAt: new Date(), finishedAt: new Date(), parameters: {} }).totals;
    expect(totals.provenOptimalSchools).toBe(1);
  });

  it("give the gap to the best bound when neither the exact model nor the bound proves the load", async () => {
    const school = randomSchool(31, { students: 120, seatRatio: 0.95 });
    const outcome = await solveSchool(school, { seed: 1, quality: "quick" });
    const report = schoolReportOf(school, outcome);
    expect(report.exact).toBeUndefined();
    expect(report.gapToBound).toBeGreaterThan(0);
    expect(report.provenOptimal).toBe(false);
    expect(report.provenGap).toBe(report.gapToBound);
    // The gap is proven by the bound it names, which is the best of those computed.
    const by = report.provenBy as keyof typeof outcome.bounds;
    expect(["capacity", "time", "seatTime", "slotFlow", "lp"]).toContain(by);
    expect(outcome.bounds[by]).toBe(outcome.bounds.best);
    for (const name of ["capacity", "time", "seatTime", "slotFlow", "lp"] as const)
      expect(outcome.bounds[name] ?? Infinity).toBeGreaterThanOrEqual(outcome.bounds.best);
    expect(validateRoster(asProblem(school), [outcome.roster])).toEqual([]);
  });
});
