/** Rows read in any order, put in the order of their `position` column. */

/** True when every row's position is a whole number ≥ 0 and position × rows + index stays exact. */
function packable(rows: readonly unknown[][], column: number, largest: number): boolean {
  if (!Number.isSafeInteger(largest * rows.length + rows.length)) return false;
  return rows.every((row) => {
    const position = Number(row[column]);
    return Number.isInteger(position) && position >= 0;
  });
}

/**
 * `rows` ordered by the number in column `column` (a table's `position`: whole numbers, each
 * row's its own): the same array when already in order, else a new one. Sorted as numbers
 * packed with the row's index (position × rows + index) in a Float64Array, whose sort compares
 * them natively instead of calling a comparator; by a comparator when the packed numbers would
 * not be exact.
 */
export function rowsInPositionOrder(rows: unknown[][], column: number): unknown[][] {
  const n = rows.length;
  let sorted = true;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const position = Number(rows[i]![column]);
    if (i > 0 && position <= largest) sorted = false;
    if (position > largest) largest = position;
  }
  if (sorted) return rows;
  if (!packable(rows, column, largest)) return [...rows].sort((a, b) => Number(a[column]) - Number(b[column]));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Number(rows[i]![column]) * n + i;
  keys.sort();
  const ordered: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) ordered[i] = rows[keys[i]! % n]!;
  return ordered;
}
