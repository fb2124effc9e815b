import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";

/**
 * Rows joined into one string before a write: a few megabytes at most, so memory stays flat
 * however many enrollments there are.
 */
const BATCH_ROWS = 4096;

/** A cell that must be quoted: it holds the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as csv-stringify writes it with its defaults (RFC 4180): quoted, its quotes doubled,
 * when it holds a comma, a quote or a line break; as it is otherwise. Written here rather than
 * through csv-stringify because its per-field generality (casts, per-cell options) was three
 * quarters of the export's CPU on a district (tests/io/oneroster/write-csv-file.test.ts holds the two to the
 * same bytes).
 */
export function csvCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Streams rows to a CSV file (RFC 4180, UTF-8, header first, `\n` after every row) without
 * holding the file in memory: rows are written a batch at a time as they are produced, pausing
 * whenever the disk falls behind. Returns the number of data rows written.
 */
export async function writeCsvFile<C extends readonly string[]>(
  path: string,
  columns: C,
  rows: Iterable<Partial<Record<C[number], string>>>,
): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  // Settles when the file is closed or fails (it cannot open, the disk is full): awaited at the
  // end, and raced with each wait for the disk so that a failure ends the wait.
  const closed = finished(out);
  closed.catch(() => undefined);
  let count = 0;
  try {
    let text = `${columns.map(csvCell).join(",")}\n`;
    let batched = 0;
    for (const row of rows) {
      let line = "";
      for (let i = 0; i < columns.length; i++)
        line += (i === 0 ? "" : ",") + csvCell(row[columns[i] as C[number]] ?? "");
      text += `${line}\n`;
      count += 1;
      if (++batched === BATCH_ROWS) {
        if (!out.write(text)) await Promise.race([once(out, "drain"), closed]);
        text = "";
        batched = 0;
      }
    }
    out.write(text);
  } catch (error) {
    out.destroy();
    throw error;
  }
  out.end();
  await closed;
  return count;
}
