import { describe, expect, it } from "vitest";
import { firstFitLoad } from "../../solver/baseline/first-fit.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { buildThenLoad } from "../../solver/master-schedule/build-then-load.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { asProblem } from "./as-problem.ts";
import { randomSchool } from "./random-school.ts";
import { withV11 } from "./v1-1-school.ts";

/** The school with the builder's placements written in: what first-fit loads. */
function placed(school: SchoolProblem, roster: SchoolRoster): SchoolProblem {
  const at = new Map(roster.sections.map((p) => [p.sectionId, p]));
  return { ...school, sections: school.sections.map((s) => ({ ...s, ...at.get(s.sectionId) })) };
}

describe("constraints 10-13 on random schools with teams, double periods, links and lunch", () => {
  it("the builder and the loader never break one: every roster passes the independent validator", async () => {
    const failures: string[] = [];
    const reasons = new Set<string>();
    let doubles = 0;
    let linkedPairs = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const school = withV11(randomSchool(seed, { students: 30 + (seed % 5) * 25, periods: 4 + (seed % 4) }), seed);
      const { roster } = await buildThenLoad(school, { seed, quality: "quick", maxMoves: 300 });
      for (const v of validateRoster(asProblem(school), [roster]))
        failures.push(`seed ${seed}: ${v.constraint}: ${v.message}`);
      for (const row of roster.unscheduled) reasons.add(row.reason);
      const period = new Map(roster.sections.map((p) => [p.sectionId, p.period]));
      doubles += school.sections.filter((s) => s.length === 2 && period.get(s.sectionId) !== undefined).length;
      linkedPairs += school.sections.filter(
        (s) => s.linkId !== undefined && period.get(s.sectionId) !== undefined,
      ).length;
    }
    expect(failures).toEqual([]);
    // The specs bite: the builder placed double periods and linked sections, and links cost requests.
    expect(doubles).toBeGreaterThan(20);
    expect(linkedPairs).toBeGreaterThan(20);
    expect([...reasons]).toContain("link_unavailable");
  });

  it("the builder never puts two linked sections of different courses at the same time, nor a double period past the day", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const school = withV11(randomSchool(seed, { students: 60, periods: 4 + (seed % 4) }), seed);
      const { roster } = await buildThenLoad(school, { seed, quality: "quick", maxMoves: 100 });
      const period = new Map(roster.sections.map((p) => [p.sectionId, p.period]));
      const meets = (id: string) => {
        const s = school.sections.find((x) => x.sectionId === id)!;
        const p = period.get(id);
        return p === undefined
          ? []
          : s.terms.flatMap((t) => Array.from({ length: s.length ?? 1 }, (_, k) => `${t}|${p + k}`));
      };
      for (const s of school.sections) {
        const p = period.get(s.sectionId);
        if (p !== undefined) expect(p + (s.length ?? 1) - 1, s.sectionId).toBeLessThanOrEqual(school.school.periods);
        if (s.linkId === undefined) continue;
        for (const o of school.sections) {
          if (o === s || o.linkId !== s.linkId || o.courseId === s.courseId) continue;
          const mine = new Set(meets(s.sectionId));
          expect(
            meets(o.sectionId).filter((slot) => mine.has(slot)),
            `${s.sectionId} and ${o.sectionId}, seed ${seed}`,
          ).toEqual([]);
        }
      }
    }
  });

  it("first-fit never breaks one either, on the same built schedules", async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const school = withV11(randomSchool(seed, { students: 40 + (seed % 4) * 20, periods: 5 + (seed % 3) }), seed);
      const { roster } = await buildThenLoad(school, { seed, quality: "quick", maxMoves: 100 });
      const baseline = firstFitLoad(placed(school, roster));
      for (const v of validateRoster(asProblem(school), [baseline]))
        failures.push(`seed ${seed}: ${v.constraint}: ${v.message}`);
    }
    expect(failures).toEqual([]);
  });

  it("keeps every student of a team in the team's sections, and a lunch period free in every term", async () => {
    for (let seed = 61; seed <= 70; seed++) {
      const school = withV11(randomSchool(seed, { students: 120, periods: 6, semesters: true }), seed);
      school.school.lunchPeriods = [3, 4];
      const { roster } = await buildThenLoad(school, { seed, quality: "quick" });
      const section = new Map(school.sections.map((s) => [s.sectionId, s]));
      const period = new Map(roster.sections.map((p) => [p.sectionId, p.period]));
      const team = new Map(school.students.map((s) => [s.studentId, s.teamId]));
      const lunchTaken = new Map<string, number>();
      for (const e of roster.enrollments) {
        const s = section.get(e.sectionId)!;
        if (s.teamId !== undefined) expect(team.get(e.studentId)).toBe(s.teamId);
        const p = period.get(e.sectionId)!;
        for (const term of s.terms) {
          for (let q = p; q < p + (s.length ?? 1); q++) {
            if (q === 3 || q === 4)
              lunchTaken.set(`${e.studentId}|${term}`, (lunchTaken.get(`${e.studentId}|${term}`) ?? 0) + 1);
          }
        }
      }
      for (const [key, taken] of lunchTaken) expect(taken, key).toBeLessThan(2);
    }
  });
});
