import type { ConflictMatrix } from "../../../solver/master-schedule/conflict-matrix.ts";
import { writeCsvFile } from "../oneroster/write-csv-file.ts";
import { spreadsheetSafeRows } from "../spreadsheet-safe.ts";
import { CONFLICT_MATRIX_COLUMNS, conflictMatrixRows } from "./conflict-matrix-rows.ts";

/** Writes the conflict matrices of one or more schools to one CSV file (RFC 4180, UTF-8, header first), spreadsheet-safe: counselors open it. */
export async function writeConflictMatrix(path: string, matrices: Iterable<ConflictMatrix>): Promise<void> {
  function* rows() {
    for (const matrix of matrices) yield* conflictMatrixRows(matrix);
  }
  await writeCsvFile(path, CONFLICT_MATRIX_COLUMNS, spreadsheetSafeRows(rows()));
}
