/**
 * Hard constraint 10 (interchange v1.1), the one home of multi-period sections in the solver:
 * a section of length L placed at period p meets in p..p+L-1, all within the school's day, and
 * takes its students, teachers and room in every one of them. In the loader a section is its
 * slot mask, so a section of length L simply occupies L periods in each term (slotMaskOf) and
 * every loader, bound and model sees it. The builder asks lastStart for the periods a section
 * may start in and coveredPeriods for the periods it takes.
 */

/** The length of a section: 1 unless given. */
export function lengthOf(section: { length?: number }): number {
  return section.length ?? 1;
}

/** The last period a section of this length may start in. */
export function lastStart(nPeriods: number, length: number): number {
  return nPeriods - length + 1;
}

/** True when a section of this length placed at `period` ends within the day. */
export function fitsDay(period: number, length: number, nPeriods: number): boolean {
  return period >= 1 && period + length - 1 <= nPeriods;
}

/** The slot mask (two 32-bit words) of a section of `length` placed at `period` in `terms`. */
export function slotMaskOf(
  terms: readonly number[],
  period: number,
  length: number,
  nPeriods: number,
): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (const term of terms) {
    for (let k = 0; k < length; k++) {
      const slot = term * nPeriods + period + k - 1;
      if (slot < 32) lo |= 1 << slot;
      else hi |= 1 << (slot - 32);
    }
  }
  return { lo, hi };
}
