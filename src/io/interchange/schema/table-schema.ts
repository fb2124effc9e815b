import type { z } from "zod";

/** A CSV cell as read: the text, or undefined when the cell is empty ("not given"). */
export type Cell = string | undefined;

/** The cells of one row, keyed by the domain field of their column (`school_id` → `schoolId`). */
export type RowCells = Record<string, Cell>;

/** One interchange file: its columns, how a row becomes a domain object, and back. */
export interface TableSchema<T> {
  file: string;
  /** Every column of the contract, in the order the writer puts them. */
  columns: readonly string[];
  /** Columns that must be present in the header. */
  required: readonly string[];
  /** Optional columns added by a later version (v1.1): written only where some row has a value, so a v1 problem writes back as it was. */
  later?: readonly string[];
  /**
   * Validates a row's cells and turns them into the domain object, the schema of record: it
   * runs on the rows `quick` refuses, and words their errors. Its keys are the columns in
   * camelCase, which are exactly the domain field names. zod's ordinary parser, not
   * `z.compile`: with every valid row taken by `quick`, the generated fast path only ever
   * failed first, and generating it cost each `mse schedule` about 16 ms of the main thread's
   * CPU at start (two functions per file; see quick).
   */
  row: z.ZodType<T>;
  /**
   * The check of `row` for a valid row, written by hand: when `row` would accept the cells,
   * returns the domain row, equal to what `row` returns; otherwise returns undefined having
   * changed nothing, and `row` decides and words the errors. A spec compares the two on
   * awkward cells. The files of millions of rows (students, requests) turn the cells into the
   * row in place (the cells are keyed by domain field already): that spares zod's second object
   * per row and its result wrapper, 5.6 million of each on the district (the read from 16 to
   * 10-12 s of CPU). The other files copy the cells first (`{ ...cells }`): turned in place, they
   * made `mse schedule`'s read of the high-school preset cost 22 ms more of the main thread's CPU
   * and 73 ms more of the process's than zod's compiled parser (medians of 15 alternated pairs,
   * load 10-11), a copy none (6 pairs): likely as V8 then keeps the cells' object shape, all
   * strings, that the reading code was compiled for.
   */
  quick?: (cells: RowCells) => T | undefined;
  /** The row's cells in `columns` order, as the writer puts them. */
  cells: (row: T) => Cell[];
}

/** The domain field a contract column fills: `co_teacher_id` → `coTeacherId`. */
export function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
