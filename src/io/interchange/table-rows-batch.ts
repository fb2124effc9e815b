/**
 * The rows of a file read on a thread of their own (read-table-thread.ts), as they travel to
 * the thread that checks them (read-table-on-thread.ts): each row a fixed run of integers, its
 * cells numbers into a table of its batch's distinct texts, sent once a batch. A district's
 * requests.csv is 4.9 million rows of a few hundred thousand distinct IDs: integers move
 * between threads without a copy per cell, and the checking thread makes no string per cell.
 */
import type { InputIssue } from "./problem-input-error.ts";
import type { CsvTableStatus } from "./read-csv-table.ts";

/**
 * A row's integers: its line (negative when the row is not well formed, see RowHandler),
 * then one per column of the file's contract, in order: the index of its text in the
 * strings of its batch, or -1 for an empty cell.
 */
export const rowWidth = (columns: number): number => 1 + columns;

/** An issue of the file found by the reader, with the number of rows handed over before it. */
export interface PlacedIssue {
  before: number;
  issue: InputIssue;
}

/** Rows read since the last batch, with the texts first seen in them and the issues found meanwhile. */
export interface RowsBatch {
  kind: "rows";
  strings: string[];
  rows: Int32Array;
  count: number;
  issues: PlacedIssue[];
}

/** The end of a file: how the read went, its warnings and the issues after the last row. */
export interface ReadEnd {
  kind: "end";
  status: CsvTableStatus;
  issues: PlacedIssue[];
  warnings: string[];
}

/** A failure the reader did not expect (it is thrown on the checking thread as it would have been). */
export interface ReadFailure {
  kind: "failure";
  error: unknown;
}

/** What the reading thread posts. */
export type ThreadMessage = RowsBatch | ReadEnd | ReadFailure;

/** What the reading thread is given: the files, in reading order, with their columns; and the issue cap. */
export interface ThreadTask {
  files: { path: string; spec: { file: string; columns: readonly string[]; required: readonly string[] } }[];
  maxIssues: number;
}
