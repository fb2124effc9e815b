/**
 * Hard constraint 4, its IEP part: a section never holds more students with an IEP than its
 * iep_capacity. The one home of IEP capacity in the solver (the validator and first-fit keep
 * their own, on purpose): what the instance compiler stores, which sections it opens to an IEP
 * student, the loader's seat test, the exact and LP models' rows, seats held outside an
 * incremental run, and the builder's seat price all ask this file. A full section is unmet as
 * no_seat (unmet-reasons, through the seat test).
 */
import type { Section } from "../../src/domain/problem.ts";

/** A capacity that is never reached: no iep_capacity given (the UNLIMITED of instance.ts and the builder's NO_LIMIT). */
const NO_CAP = 1 << 29;

/** Instance compiler: the most IEP students each section may hold (a large number when not given). */
export function compileIepCapacity(sections: readonly Section[]): Int32Array {
  return Int32Array.from(sections, (section) =>
    section.iepCapacity === undefined ? NO_CAP : Math.max(0, section.iepCapacity),
  );
}

/** Eligibility: false when section s can never take this student (an IEP student and no IEP seat at all). */
export function opensToIep(secIepCapacity: Int32Array, s: number, iep: boolean): boolean {
  return !iep || secIepCapacity[s] > 0;
}

/** Seat test: true when an IEP student (iep) still finds an IEP seat in s, which holds `held` IEP students. */
export function hasIepSeat(secIepCapacity: Int32Array, held: number, s: number, iep: boolean): boolean {
  return !iep || held < secIepCapacity[s];
}

/** The exact and LP models: section s's IEP students' columns (of `cols`) sum to at most its capacity. */
export function iepCapacityRow(
  secIepCapacity: Int32Array,
  s: number,
  cols: readonly number[],
  isIepColumn: (c: number) => boolean,
  addRow: (cols: number[], upper: number) => void,
): void {
  if (secIepCapacity[s] < NO_CAP) addRow(cols.filter(isIepColumn), secIepCapacity[s]);
}

/** An incremental run: the IEP capacities left once seats held outside the run are taken out. */
export function reserveIepSeats(secIepCapacity: Int32Array, s: number, heldIep: number): number {
  return secIepCapacity[s] >= NO_CAP ? secIepCapacity[s] : Math.max(0, secIepCapacity[s] - heldIep);
}
