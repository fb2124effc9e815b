import type { LoadState } from "./load-state.ts";

/**
 * The loader's objective as a lexicographic vector, most important first: groups met at each
 * priority level, then fewer alternates, then more students with every request met, then a
 * more even fill within each course. Kept exact (integers), so no weight can overflow.
 */
export function objectiveLength(nLevels: number): number {
  return nLevels + 3;
}

/** Writes the current objective vector of `st` into `out`. */
export function readObjective(st: LoadState, out: Float64Array): Float64Array {
  const n = st.levelMet.length;
  for (let l = 0; l < n; l++) out[l] = st.levelMet[l];
  out[n] = -st.counters.altUsed;
  out[n + 1] = st.counters.full;
  out[n + 2] = -st.counters.balance;
  return out;
}

/** Positive when `a` is better than `b`, negative when worse, 0 when equal. */
export function compareObjective(a: Float64Array, b: Float64Array): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/** Like compareObjective, but ignoring the balance term (the last one). */
export function compareWithoutBalance(a: Float64Array, b: Float64Array): number {
  for (let k = 0; k < a.length - 1; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}
