import { describe, expect, it } from "vitest";
import { runApiLoad } from "../../benchmarks/api-load.ts";

describe("the API under concurrent load (a short run of benchmarks/api-load.ts)", () => {
  it("loses and duplicates no acknowledged enrollment, and every live roster passes the validator", async () => {
    // A fixed amount of work (10 clients of 8 steps), not a time: the same spec on a busy machine.
    const result = await runApiLoad({
      clients: 10,
      seconds: 120,
      stepsPerClient: 8,
      schools: 2,
      preset: "tiny",
      seed: 1,
      verbose: false,
      busy: false,
    });
    expect(result.requests).toBeGreaterThanOrEqual(80);
    expect(result.checks.acknowledgedEnrollments).toBeGreaterThan(10);
    expect(result.checks.lost).toEqual([]);
    expect(result.checks.duplicated).toEqual([]);
    expect(result.checks.resurrected).toEqual([]);
    expect(result.checks.rosterViolations).toBe(0);
    expect(result.errors).toEqual({});
    expect(result.serverErrors).toBe(0);
  });
});
