import { describe, expect, it } from "vitest";
import { firstFitLoad } from "../../solver/baseline/first-fit.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "./as-problem.ts";
import { randomSchool } from "./random-school.ts";

describe("the loader on random schools", () => {
  it("passes the independent validator on 300 small random schools", async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const school = randomSchool(seed, { students: 10 + (seed % 50) });
      const { roster } = await solveSchool(school, { seed, quality: "quick", maxMoves: 200 });
      for (const v of validateRoster(asProblem(school), [roster]))
        failures.push(`seed ${seed}: ${v.constraint}: ${v.message}`);
    }
    expect(failures).toEqual([]);
  });

  it("never puts a student in two sections that meet in the same period and term", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const school = randomSchool(seed, { students: 120, semesters: true });
      const { roster } = await solveSchool(school, { seed, quality: "quick" });
      const sectionById = new Map(school.sections.map((s) => [s.sectionId, s]));
      const taken = new Set<string>();
      for (const e of roster.enrollments) {
        const section = sectionById.get(e.sectionId)!;
        expect(section.period).toBeDefined();
        for (const term of section.terms) {
          const key = `${e.studentId}|${term}|${section.period}`;
          expect(taken.has(key), `student ${e.studentId} twice in ${term} period ${section.period}`).toBe(false);
          taken.add(key);
        }
      }
    }
  });

  it("never seats more students than a section or its room holds", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const school = randomSchool(seed, { students: 150, seatRatio: 0.8 });
      const { roster } = await solveSchool(school, { seed, quality: "quick" });
      const roomCapacity = new Map(school.rooms.map((r) => [r.roomId, r.capacity]));
      const size = new Map<string, number>();
      for (const e of roster.enrollments) size.set(e.sectionId, (size.get(e.sectionId) ?? 0) + 1);
      for (const section of school.sections) {
        const limit = Math.min(section.capacity, roomCapacity.get(section.roomId ?? "") ?? Infinity);
        expect(size.get(section.sectionId) ?? 0).toBeLessThanOrEqual(limit);
      }
    }
  });

  it("respects locked section requests", async () => {
    let lockedMet = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const school = randomSchool(seed, { students: 80 });
      const { roster } = await solveSchool(school, { seed, quality: "quick" });
      const sectionById = new Map(school.sections.map((s) => [s.sectionId, s]));
      for (const request of school.requests) {
        if (request.lockedSectionId === undefined) continue;
        const seats = roster.enrollments.filter(
          (e) => e.studentId === request.studentId && sectionById.get(e.sectionId)!.courseId === request.courseId,
        );
        for (const seat of seats) expect(seat.sectionId).toBe(request.lockedSectionId);
        lockedMet += seats.length;
        const alternateMet = school.requests.some(
          (other) =>
            other.studentId === request.studentId &&
            other.alternateFor === request.courseId &&
            roster.enrollments.some(
              (e) => e.studentId === other.studentId && sectionById.get(e.sectionId)!.courseId === other.courseId,
            ),
        );
        if (seats.length === 0 && !alternateMet) {
          const row = roster.unscheduled.find(
            (u) => u.studentId === request.studentId && u.courseId === request.courseId,
          );
          expect(row?.reason).toBe("locked_section_unavailable");
        }
      }
    }
    expect(lockedMet).toBeGreaterThan(0);
  });

  it("leaves less than half the naive first-fit loader's gap to the bound", async () => {
    for (const seed of [7, 8]) {
      const school = randomSchool(seed, { students: 300, periods: 6, semesters: true, seatRatio: 1.1 });
      const primaries = school.requests.filter((r) => r.alternateFor === undefined).length;
      // The Lagrangian bound (opt-in) is much tighter than the cheap ones on these schools.
      const solved = await solveSchool(school, { seed: 1, quality: "full", maxMoves: 8_000, lagrangianBound: true });
      const naive = firstFitLoad(school);
      const bound = solved.bounds.best;
      const solverGap = bound - (primaries - solved.roster.unscheduled.length);
      const naiveGap = bound - (primaries - naive.unscheduled.length);
      expect(solverGap).toBeGreaterThanOrEqual(0);
      expect(solverGap).toBeLessThan(naiveGap / 2);
    }
  });
});
