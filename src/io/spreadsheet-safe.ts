/**
 * Spreadsheet safety of the CSV files counselors open (unscheduled.csv, conflict-matrix.csv):
 * a cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return) is written with a leading apostrophe, which spreadsheets take as "this is
 * text" and do not show. A student ID typed as `=HYPERLINK(...)` then stays text instead of
 * becoming a link or a command on a counselor's machine (CSV injection, OWASP).
 *
 * The choice, and its limits:
 * - Only these counselor-facing files. The OneRoster files (orgs, users, classes, enrollments...)
 *   are read by machines that need every ID exact, so they stay byte for byte.
 * - A plain number (`-5`, `+3.5`) is left alone: a spreadsheet reads it as a number, not a formula.
 * - A cell that already starts with an apostrophe gets one more, so the rule can be undone
 *   exactly: `fromSpreadsheetSafe` drops one leading apostrophe, and every ID reads back as it was.
 */

/** Cells a spreadsheet would take as a formula, and cells that start with the escape itself. */
const NEEDS_ESCAPE = /^[=+\-@\t\r']/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The cell as it is safe to open in a spreadsheet. */
export function spreadsheetSafe(text: string): string {
  return NEEDS_ESCAPE.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The cell as it was before spreadsheetSafe. */
export function fromSpreadsheetSafe(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

/** Rows with every cell made spreadsheet-safe. */
export function* spreadsheetSafeRows<R extends Partial<Record<string, string>>>(rows: Iterable<R>): Generator<R> {
  for (const row of rows) {
    const safe = {} as Record<string, string | undefined>;
    for (const [column, cell] of Object.entries(row))
      safe[column] = cell === undefined ? undefined : spreadsheetSafe(cell);
    yield safe as R;
  }
}
