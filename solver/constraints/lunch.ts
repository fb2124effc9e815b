/**
 * Hard constraint 13 (interchange v1.1), the one home of lunch in the solver: when the school
 * lists lunch_periods, every student keeps at least one of them free in every term. In slot
 * masks: for each term, the student's slots never cover all of the term's lunch slots. The
 * per-student search, the seat test and first placements ask keepsLunch; the exact and LP
 * models add lunchRows; the unmet reason is no_lunch.
 */
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { reasonCode } from "../instance/reason-codes.ts";

/** Per term, the slots of the lunch periods (two 32-bit words); empty arrays when there is no lunch rule. */
export interface LunchTables {
  lunchLo: Int32Array;
  lunchHi: Int32Array;
}

/** The lunch slots of each term; empty when the school has no lunch rule. */
export function compileLunch(problem: SchoolProblem, nTerms: number, nPeriods: number): LunchTables {
  const periods = (problem.school.lunchPeriods ?? []).filter((p) => p >= 1 && p <= nPeriods);
  if (periods.length === 0) return { lunchLo: new Int32Array(0), lunchHi: new Int32Array(0) };
  const lunchLo = new Int32Array(nTerms);
  const lunchHi = new Int32Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    for (const p of periods) {
      const slot = t * nPeriods + p - 1;
      if (slot < 32) lunchLo[t] |= 1 << slot;
      else lunchHi[t] |= 1 << (slot - 32);
    }
  }
  return { lunchLo, lunchHi };
}

/** True when a student holding slots lo/hi keeps a lunch period free in every term. */
export function keepsLunch(inst: LunchTables, lo: number, hi: number): boolean {
  const { lunchLo, lunchHi } = inst;
  for (let t = 0; t < lunchLo.length; t++) {
    if ((lo & lunchLo[t]) === lunchLo[t] && (hi & lunchHi[t]) === lunchHi[t]) return false;
  }
  return true;
}

/**
 * Rows of the exact and LP models: for each student and term, the lunch slots the student's
 * columns cover stay below the term's count. A column's coefficient is how many lunch slots of
 * the term its section takes (two for a double period over both). `cols` are the student's
 * columns and `colSec` their sections.
 */
export function lunchRows(
  inst: LunchTables & { secMaskLo: Int32Array; secMaskHi: Int32Array },
  cols: readonly number[],
  colSec: ArrayLike<number>,
  addRow: (cols: number[], upper: number, coefs: number[]) => void,
): void {
  const { lunchLo, lunchHi } = inst;
  for (let t = 0; t < lunchLo.length; t++) {
    const size = popcount(lunchLo[t]) + popcount(lunchHi[t]);
    const row: number[] = [];
    const coefs: number[] = [];
    let total = 0;
    for (const c of cols) {
      const s = colSec[c];
      const k = popcount(inst.secMaskLo[s] & lunchLo[t]) + popcount(inst.secMaskHi[s] & lunchHi[t]);
      if (k === 0) continue;
      row.push(c);
      coefs.push(k);
      total += k;
    }
    if (total >= size) addRow(row, size - 1, coefs);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Unmet because every section that fits would take the student's last free lunch period. */
export const R_NO_LUNCH = reasonCode("no_lunch");
