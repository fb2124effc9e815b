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
   * Validates a row's cells and turns them into the domain object. Its keys are the
   * columns in camelCase, which are exactly the domain field names, so the object zod
   * returns is the domain row itself (no second copy per row). Built with `z.compile`:
   * a generated fast path for valid rows (3x faster on millions of requests), which hands
   * a failing row to zod's ordinary parser, so messages are the same.
   */
  row: z.ZodType<T>;
  /**
   * The check of `row` for a valid row, written by hand for the files of millions of rows
   * (spares zod's second object per row and its result wrapper, 5.6 million of each on the
   * district; with the student checks of issue 20 the read went from 16 to 10-12 s of CPU): when `row`
   * would accept the cells, turns them into the domain row in place (the cells are keyed by
   * domain field already) and returns it, equal to what `row` returns; otherwise returns
   * undefined having changed nothing, and `row` decides and words the errors, so zod stays
   * the schema of record. A spec compares the two on awkward cells.
   */
  quick?: (cells: RowCells) => T | undefined;
  /** The row's cells in `columns` order, as the writer puts them. */
  cells: (row: T) => Cell[];
}

/** The domain field a contract column fills: `co_teacher_id` → `coTeacherId`. */
export function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
