/** Rows read in any order, put in the order of their `position` column. */

/** A packed sort key's room for the row's index: position × INDEX_ROOM + index (a power of two, so unpacking is exact). */
const INDEX_ROOM = 2 ** 21;

/** Positions packed below this stay exact integers (below 2^52 once multiplied by INDEX_ROOM). */
const PACKED_POSITIONS = 2 ** 31;

/**
 * `rows` ordered by the number in column `column` (a table's `position`: whole numbers, each
 * row's its own): the same array when already in order, else a new one. Sorted as numbers
 * packed with the row's index in a Float64Array, whose sort compares them natively instead of
 * calling a comparator (a comparator sorts positions that do not pack). The district's 683,132
 * students: in order, 0.05 s of CPU less than SQLite's ORDER BY; shuffled, the same (0.92 s
 * against 0.91 with the rows' reading).
 */
export function rowsInPositionOrder(rows: unknown[][], column: number): unknown[][] {
  const n = rows.length;
  let sorted = true;
  let packable = n <= INDEX_ROOM;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const position = Number(rows[i]![column]);
    if (!(position > previous)) sorted = false;
    if (!(Number.isInteger(position) && position >= 0 && position < PACKED_POSITIONS)) packable = false;
    previous = position;
  }
  if (sorted) return rows;
  if (!packable) return [...rows].sort((a, b) => Number(a[column]) - Number(b[column]));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Number(rows[i]![column]) * INDEX_ROOM + i;
  keys.sort();
  const ordered: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    ordered[i] = rows[key - Math.floor(key / INDEX_ROOM) * INDEX_ROOM]!;
  }
  return ordered;
}
