import { describe, expect, it } from "vitest";
import { solveSchool } from "../../solver/solve-school.ts";
import { randomSchool } from "./random-school.ts";

describe("determinism", () => {
  it("gives the same roster for the same seed", () => {
    const school = randomSchool(21, { students: 200, semesters: true });
    const a = solveSchool(school, { seed: 5, quality: "full", maxMoves: 4000 });
    const b = solveSchool(school, { seed: 5, quality: "full", maxMoves: 4000 });
    expect(b.roster).toEqual(a.roster);
  });

  it("never reports more primary requests met than its bound, whatever the seed", () => {
    const school = randomSchool(22, { students: 200 });
    const a = solveSchool(school, { seed: 1, quality: "quick" });
    const b = solveSchool(school, { seed: 2, quality: "quick" });
    const primaries = school.requests.filter((r) => r.alternateFor === undefined).length;
    for (const outcome of [a, b]) {
      expect(primaries - outcome.roster.unscheduled.length).toBeLessThanOrEqual(outcome.bounds.best);
    }
  });
});
