import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";
import { compileInstance } from "../instance/compile-instance.ts";
import type { Instance } from "../instance/instance.ts";
import type { RequestBounds } from "../solve-options.ts";
import { capacityFlowOfTypes, groupTypes } from "./capacity-bound.ts";
import { lpBoundSync } from "./lp-bound.ts";
import { seatTimeOfTypes } from "./seat-time-bound.ts";
import { slotFlowBound } from "./slot-flow-bound.ts";
import { studentTimeBounds } from "./time-bound.ts";

/**
 * The bounds computed before the load, at every quality (the load stops when it meets the
 * best): the capacity flow, the time bound and the two together (seat-and-time flow), all
 * with teachers' limits over their sections. The seat-and-time flow costs about what the
 * capacity flow does (district: ~2 CPU s of the ~70 the quick solve takes); see
 * benchmarks/results/bounds-district.md. `perStudent` is each student's time bound, which the
 * slot flow reuses; `everyGroup`, the students whose time bound the load's ceilings settled
 * (studentTimeBounds).
 */
export function boundsBeforeLoad(
  inst: Instance,
  everyGroup?: Uint8Array,
): { bounds: RequestBounds; perStudent: Int32Array } {
  // One numbering of the primary groups' types for both flows.
  const types = groupTypes(inst, (g) => inst.groupPrimary[g] === 1);
  const capacity = capacityFlowOfTypes(inst, types);
  const perStudent = studentTimeBounds(inst, (g) => inst.groupPrimary[g] === 1, everyGroup);
  const time = perStudent.reduce((sum, n) => sum + n, 0);
  const seatTime = seatTimeOfTypes(inst, perStudent, types);
  const bounds: RequestBounds = { capacity, time, seatTime, best: capacity, bestBy: "capacity" };
  improveBest(bounds, "time", time);
  improveBest(bounds, "seatTime", seatTime);
  return { bounds, perStudent };
}

/**
 * Schools up to this size get the slot flow after the load. Its max flow is what costs (a
 * 4,000-student high school: ~0.6 s CPU from the load, for no gain on the district's high
 * schools, whose semesters the first-slot view blurs); span, middle and small schools, where it
 * gains, are below it. See benchmarks/results/bounds-district.md.
 */
export const SLOT_FLOW_MAX_STUDENTS = 1100;

/**
 * Whole schools up to this size get the LP bound after the slot flow, when a gap is still open
 * (HiGHS, started by solveSchool for them).
 */
export const LP_MAX_STUDENTS = 400;

/**
 * The LP's deterministic caps (the same bound on any machine, and the district's cost in check):
 * models of at most LP_MAX_NONZEROS nonzeros, at most LP_ITERATION_LIMIT simplex iterations.
 * Measured on the district's schools of up to 400 students whose gap the load leaves open
 * (continuation, small, elementary; CPU on a loaded machine): their LPs take 0-11,153 iterations
 * and 1 ms-1.3 s, about 0.03 ms per nonzero; uncapped they took 149 requests off those bounds
 * for ~13 s CPU, and capped at 6,000 iterations alone the full district's solve spent ~11 s CPU
 * more (a third of it on LPs stopped at the cap, which prove nothing). Models up to 20,000
 * nonzeros (most of the small high schools, the smaller continuation schools) are where it gains
 * most for its cost: CH-0099 1,307 -> 1,285, CH-0041 1,277 -> 1,256 (the MIP's optimum), in
 * 50-110 ms each; the larger gain less per second (CH-0088: 828 ms for nothing).
 */
export const LP_MAX_NONZEROS = 20_000;
export const LP_ITERATION_LIMIT = 4000;

/**
 * After the load, when it is still below the best bound: the slot flow (seats counted per
 * period of the student's day), started from the load, which closes most of the gap left on
 * schools whose students need every period (district-small SP-0001: 3,830 -> 3,705, the
 * optimum). Then, on a small whole school (`lp`: HiGHS started, no seats reserved) still open,
 * the LP relaxation with each student's time bound as a row (lp-bound.ts), which on small
 * schools is often the optimum (district CH-0041: 1,277 -> 1,256, what the MIP proves). Only
 * where a gap is open, so a school already proven pays nothing.
 */
export function boundsAfterLoad(
  inst: Instance,
  bounds: RequestBounds,
  load: { met: number; reqSection: Int32Array },
  perStudent: Int32Array,
  options: { lp: boolean } = { lp: false },
): void {
  slotFlowAfterLoad(inst, bounds, load, perStudent);
  if (options.lp) lpAfterLoad(inst, bounds, load, perStudent);
}

/** The slot flow of boundsAfterLoad, on a school of up to SLOT_FLOW_MAX_STUDENTS still below its bound. */
export function slotFlowAfterLoad(
  inst: Instance,
  bounds: RequestBounds,
  load: { met: number; reqSection: Int32Array },
  perStudent: Int32Array,
): void {
  if (load.met >= bounds.best || inst.nStudents > SLOT_FLOW_MAX_STUDENTS) return;
  bounds.slotFlow = slotFlowBound(inst, perStudent, load.reqSection);
  improveBest(bounds, "slotFlow", bounds.slotFlow);
}

/** True when lpAfterLoad would solve an LP: a school of up to LP_MAX_STUDENTS still below its bound. */
export function lpAfterLoadWanted(inst: Instance, bounds: RequestBounds, load: { met: number }): boolean {
  return load.met < bounds.best && inst.nStudents <= LP_MAX_STUDENTS;
}

/** The LP of boundsAfterLoad (HiGHS started; the caller checked no seats are reserved). */
export function lpAfterLoad(
  inst: Instance,
  bounds: RequestBounds,
  load: { met: number },
  perStudent: Int32Array,
): void {
  if (!lpAfterLoadWanted(inst, bounds, load)) return;
  const lp = lpBoundSync(inst, "highs", {
    iterationLimit: LP_ITERATION_LIMIT,
    maxNonzeros: LP_MAX_NONZEROS,
    studentLimits: perStudent,
  });
  if (lp === undefined) return;
  bounds.lp = Math.floor(lp + 1e-6);
  improveBest(bounds, "lp", bounds.lp);
}

/**
 * The bounds before the load of the whole school with these placements (every valid roster of
 * it meets at most this): what a late-change run, which solves only a part, computes when the
 * bound it carries has drifted (src/enroll/carried-bound.ts). A 3,300-student high school:
 * ~0.1 s CPU to compile, ~0.15 s for the bounds.
 */
export function wholeSchoolBound(problem: SchoolProblem, placements?: SectionPlacement[]): number {
  return boundsBeforeLoad(compileInstance(problem, placements)).bounds.best;
}

/** Makes `value` the best bound when it is lower, naming where it came from. */
export function improveBest(bounds: RequestBounds, by: NonNullable<RequestBounds["bestBy"]>, value: number): void {
  if (value < bounds.best) {
    bounds.best = value;
    bounds.bestBy = by;
  }
}
