import { describe, expect, it } from "vitest";
import { capacityBound, capacityFlowBound } from "../../solver/bounds/capacity-bound.ts";
import { lagrangianBound } from "../../solver/bounds/lagrangian-bound.ts";
import { lpBound, lpBoundSync } from "../../solver/bounds/lp-bound.ts";
import { levelBounds } from "../../solver/bounds/level-bounds.ts";
import { buildLoadModel } from "../../solver/bounds/load-model.ts";
import { solveModel, startLpEngine } from "../../solver/bounds/lp-engines.ts";
import { seatTimeBound } from "../../solver/bounds/seat-time-bound.ts";
import { slotFlowBound } from "../../solver/bounds/slot-flow-bound.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { computeSchoolMetrics } from "../../src/report/school-metrics.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { asProblem } from "./as-problem.ts";
import { studentTimeBounds, timeBound } from "../../solver/bounds/time-bound.ts";
import { levelVector } from "../../solver/exact/level-vector.ts";
import { loadInstance } from "../../solver/load/load-instance.ts";
import { exactLoad } from "../../solver/exact/exact-load.ts";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { handSchool } from "./hand-school.ts";
import { randomSchool } from "./random-school.ts";
import { withV11 } from "./v1-1-school.ts";
import { studentCeilings } from "../../solver/improve/schedule-ceiling.ts";

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
      expect(slotFlowBound(inst, studentTimeBounds(inst))).toBeGreaterThanOrEqual(met);
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

  it("are never below the most primary requests any roster meets, nor below the solver's rosters, on 30 generated schools", async () => {
    await startLpEngine("highs");
    let bestByLp = 0;
    for (let seed = 100; seed < 130; seed++) {
      // Few periods, and sections (and teachers' limits) cut to a share of their seats: periods, seats or both bind.
      const school = shrunk(randomSchool(seed, { students: 40, periods: 3 + (seed % 3) }), 0.2 + (seed % 5) * 0.1);
      const inst = compileInstance(school);
      // The MIP of the bounds' own objective (primary groups met), every constraint kept: the truth.
      const model = buildLoadModel(inst, { objective: "count", avoidRows: true });
      const optimum = Math.round(solveModel(model, "highs", { integer: true }).objective);
      const perStudent = studentTimeBounds(inst);
      const bounds = {
        capacity: capacityFlowBound(inst),
        time: timeBound(inst),
        seatTime: seatTimeBound(inst, perStudent),
        slotFlow: slotFlowBound(inst, perStudent),
        lpStudentRows: lpBoundSync(inst, "highs", { studentLimits: perStudent })! + 1e-6,
      };
      for (const [name, value] of Object.entries(bounds))
        expect(value, `seed ${seed}: ${name}`).toBeGreaterThanOrEqual(optimum);
      // Each student's time bound as a row: the LP is never above the time bound.
      expect(bounds.lpStudentRows).toBeLessThanOrEqual(bounds.time + 1e-5);
      // Full quality (with its exact model) on every third school keeps the spec short.
      for (const quality of seed % 3 === 0 ? (["quick", "full"] as const) : (["quick"] as const)) {
        const outcome = await solveSchool(school, { seed, quality });
        expect(validateRoster(asProblem(school), [outcome.roster])).toEqual([]);
        const met = computeSchoolMetrics(school, outcome.roster).primaryMet;
        expect(met).toBeLessThanOrEqual(optimum);
        expect(outcome.bounds.best, `seed ${seed}: ${outcome.bounds.bestBy}`).toBeGreaterThanOrEqual(optimum);
        if (quality === "quick") bestByLp += outcome.bounds.bestBy === "lp" ? 1 : 0;
      }
    }
    // Small whole schools whose gap the load leaves open get the LP after it, and it is tighter on some.
    expect(bestByLp).toBeGreaterThan(0);
  });

  it("count a teacher's max_students over all their sections, not only section by section", () => {
    // One teacher, two sections of 30 in two periods, at most 40 students in all; 60 students.
    const school = withTeacher(
      handSchool(
        [
          ["A1", "A", 1, 30],
          ["A2", "A", 2, 30],
        ],
        Array.from({ length: 60 }, (_, k) => [`S${k}`, "A"] as [string, string]),
      ),
      40,
    );
    const inst = compileInstance(school);
    const perStudent = studentTimeBounds(inst);
    expect(capacityFlowBound(inst)).toBe(40);
    expect(seatTimeBound(inst, perStudent)).toBe(40);
    expect(slotFlowBound(inst, perStudent)).toBe(40);
  });

  it("with the slot flow, count the seats of each period when students need every period", () => {
    // Two periods. Four students want A and B; A meets in period 1 (2 seats) and period 2 (2 seats),
    // B in period 1 (4 seats) and period 2 (1 seat). Every course has seats for all four somewhere
    // and each student has room for both, but period 2 has 3 seats for the 4 students who each
    // need a class in it: 7 at most. The seat-and-time flow sees 8.
    const school = handSchool(
      [
        ["A1", "A", 1, 2],
        ["A2", "A", 2, 2],
        ["B1", "B", 1, 4],
        ["B2", "B", 2, 1],
      ],
      ["W", "X", "Y", "Z"].flatMap((student) => [
        [student, "A"],
        [student, "B"],
      ]) as [string, string][],
    );
    const inst = compileInstance(school);
    const perStudent = studentTimeBounds(inst);
    expect(seatTimeBound(inst, perStudent)).toBe(8);
    expect(slotFlowBound(inst, perStudent)).toBe(7);
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

/** The school with one teacher of every section, who takes at most `maxStudents` students in all. */
function withTeacher(school: SchoolProblem, maxStudents: number): SchoolProblem {
  const teacherId = "T1";
  return {
    ...school,
    teachers: [
      {
        schoolId: school.school.schoolId,
        teacherId,
        maxStudents,
        unavailablePeriods: [],
        specialEducation: false,
        qualifiedCourses: [],
      },
    ],
    sections: school.sections.map((s) => ({ ...s, teacherId })),
  };
}

/** The school with every section's capacity and every teacher's max_students cut to `share` of it. */
function shrunk(school: SchoolProblem, share: number): SchoolProblem {
  const cut = (n: number) => Math.max(1, Math.round(n * share));
  return {
    ...school,
    sections: school.sections.map((s) => ({ ...s, capacity: cut(s.capacity) })),
    teachers: school.teachers.map((t) => (t.maxStudents === undefined ? t : { ...t, maxStudents: cut(t.maxStudents) })),
  };
}

describe("time bounds settled by the students' ceilings", () => {
  it("never differ from the searched ones, nor change the load, with links, lunch and pinned enrollments", () => {
    for (const seed of [1, 2, 3, 4]) {
      const plain = randomSchool(seed, { students: 120 });
      for (const school of [plain, withV11(plain, seed)]) {
        const whole = compileInstance(school);
        const first = loadInstance(whole, { seed, quality: "quick" });
        // Every third student keeps their seats: pinned enrollments, as a late-enrollment run has them.
        const fixed = [];
        for (let r = 0; r < whole.nRequests; r++) {
          const s = first.reqSection[r];
          if (s >= 0 && whole.reqStudent[r] % 3 === 0)
            fixed.push({ studentId: whole.studentIds[whole.reqStudent[r]], sectionId: whole.sectionIds[s] });
        }
        for (const inst of [whole, compileInstance(school, undefined, fixed)]) {
          const ceilings = studentCeilings(inst);
          if (inst === whole && school === plain) expect(ceilings.everyGroup).toContain(1);
          const primary = (g: number) => inst.groupPrimary[g] === 1;
          expect(studentTimeBounds(inst, primary, ceilings.everyGroup)).toEqual(studentTimeBounds(inst));
          const options = { seed, quality: "quick" as const };
          const own = loadInstance(inst, options);
          const given = loadInstance(inst, options, Infinity, undefined, undefined, ceilings);
          expect([given.reqSection, given.constructWork, given.improveWork, given.moves]).toEqual([
            own.reqSection,
            own.constructWork,
            own.improveWork,
            own.moves,
          ]);
        }
      }
    }
  });
});
