import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";

/**
 * Rows are encoded into a buffer of this size, written when full: memory stays flat however
 * many enrollments there are, and no string longer than CHUNK_CHARS is built (4,096 rows joined
 * per write made a half-megabyte rope, flattened and copied again at every write).
 * With the other export changes of issue 20: 30.3 s of CPU down to 23.8 s on the district's
 * OneRoster directory (load 16-23, so upper figures), byte for byte the same files.
 */
const BATCH_BYTES = 1 << 20;

/**
 * Bytes the file's stream may hold unwritten before a write waits for the disk. At the stream's
 * default (16 KiB) every batch waited for its own write to finish, so the thread writing a
 * district's directory stood still once a megabyte (3.9 s of the export's 13.2 s on its main
 * thread, its pool threads idle meanwhile for want of a school taken); a few batches in flight
 * keep memory small all the same. District, load 15-17: the write share 10.7-11.3 s against
 * 15.8-19.1 s, the main thread's CPU in it 1.1 s.
 */
const IN_FLIGHT_BYTES = 8 * BATCH_BYTES;

/**
 * Appended bytes of at least this many (a school's enrollments: ~470 KB on the district) are
 * handed to the stream as they are rather than copied into the batch: they are a write's worth.
 */
const DIRECT_BYTES = 1 << 16;

/**
 * Lines are joined into a string of about this many characters before it is encoded into the
 * batch: one encoding call per line (a call into C++ for 80 bytes) was a fifth of the writer's
 * CPU on a district's 3.9 million enrollments; a short string of lines costs little to flatten.
 */
const CHUNK_CHARS = 1 << 14;

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
 * Compiles the function that writes one row as a line of CSV: one expression reading every
 * column by name, where a loop of `row[columns[i]]` makes a dynamic keyed load per cell, for
 * millions of rows. Cells of the `plain` columns are written as they are (see openCsvFile).
 */
export function csvLine<C extends readonly string[]>(
  columns: C,
  plain: readonly string[] = [],
): (row: Partial<Record<C[number], string>>) => string {
  const cells = columns.map((column) =>
    plain.includes(column) ? `(row[${JSON.stringify(column)}] ?? "")` : `cell(row[${JSON.stringify(column)}] ?? "")`,
  );
  const line = new Function("row", "cell", `return ${cells.join(' + "," + ')} + "\\n";`) as (
    row: Partial<Record<C[number], string>>,
    cell: (text: string) => string,
  ) => string;
  return (row) => line(row, csvCell);
}

/** A CSV file being written: rows appended a batch at a time, as they come. */
export interface CsvFileWriter<C extends readonly string[]> {
  /** Appends rows (encoded straight into the batch), pausing whenever the disk falls behind. */
  write(rows: Iterable<Partial<Record<C[number], string>>>): Promise<void>;
  /**
   * Appends `rows` lines already written as CSV (by csvLine with the file's columns), as text or
   * as its UTF-8 bytes (built on another thread).
   */
  append(lines: string | Uint8Array, rows: number): Promise<void>;
  /** Writes what is left, closes the file and resolves with the number of data rows written. */
  close(): Promise<number>;
  /** Closes the file at once, what is unwritten dropped (a failure elsewhere). */
  destroy(): void;
}

/**
 * Opens a CSV file (RFC 4180, UTF-8, header first, `\n` after every row) to be written over
 * several calls without holding it in memory: what a roster directory streamed school by school
 * appends to each of its files. A failure to write (it cannot open, the disk is full) rejects
 * the next write or the close. Cells of the `plain` columns are written as they are: the caller
 * vouches that none holds a comma, a quote or a line break.
 */
export function openCsvFile<C extends readonly string[]>(
  path: string,
  columns: C,
  plain: readonly string[] = [],
): CsvFileWriter<C> {
  const out = createWriteStream(path, { highWaterMark: IN_FLIGHT_BYTES });
  // Settles when the file is closed or fails: awaited at the end, and raced with each wait for
  // the disk so that a failure ends the wait.
  const closed = finished(out);
  closed.catch(() => undefined);
  let failure: unknown;
  out.once("error", (error) => (failure ??= error));
  const line = csvLine(columns, plain);
  // Batches written out come back here once on disk, to be filled again: a new megabyte a
  // batch was a fresh mapping to fault in page by page and unmap (130 on the district's
  // directory), and external memory that brought on the thread's full collections sooner.
  const spare: Buffer[] = [];
  const newBatch = (): Buffer => spare.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
  let batch = newBatch();
  let used = batch.write(`${columns.map(csvCell).join(",")}\n`);
  /** Writes the batch's `used` bytes out, the batch taken back once written; true when the stream asks to wait. */
  const writeBatch = () => {
    const written = batch;
    const full = !out.write(written.subarray(0, used), (error) => {
      if (!error) spare.push(written);
    });
    batch = newBatch();
    used = 0;
    return full;
  };
  // Lines not yet encoded into the batch.
  let pending = "";
  let count = 0;
  const fail = (error: unknown): never => {
    out.destroy();
    throw error;
  };
  /** Writes the batch out (and starts a new one) if `bytes` more might not fit in it, waiting for the disk if it is behind. */
  const makeRoom = async (bytes: number) => {
    if (used + bytes <= BATCH_BYTES) return;
    if (writeBatch()) await Promise.race([once(out, "drain"), closed]);
    if (failure !== undefined) fail(failure);
  };
  /** Encodes the pending lines into the batch, the batch first written out if they might not fit. */
  const encodePending = async () => {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair, 4).
    await makeRoom(3 * pending.length);
    // Longer than a batch (a row of a megabyte): written as it is.
    if (3 * pending.length > BATCH_BYTES) out.write(pending);
    else used += batch.write(pending, used);
    pending = "";
  };
  /**
   * Appends bytes after the pending lines: copied into the batch, or (DIRECT_BYTES and more)
   * written as they are after the batch. The caller never changes them after (a school's lines).
   */
  const appendBytes = async (bytes: Uint8Array) => {
    if (pending.length > 0) await encodePending();
    if (bytes.length < DIRECT_BYTES) {
      await makeRoom(bytes.length);
      batch.set(bytes, used);
      used += bytes.length;
      return;
    }
    if (used > 0) writeBatch();
    if (!out.write(bytes)) await Promise.race([once(out, "drain"), closed]);
    if (failure !== undefined) fail(failure);
  };
  return {
    async write(rows) {
      if (failure !== undefined) fail(failure);
      try {
        for (const row of rows) {
          pending += line(row);
          count += 1;
          if (pending.length >= CHUNK_CHARS) await encodePending();
        }
      } catch (error) {
        fail(error);
      }
    },
    async append(lines, rows) {
      if (failure !== undefined) fail(failure);
      try {
        if (typeof lines === "string") {
          pending += lines;
          if (pending.length >= CHUNK_CHARS) await encodePending();
        } else await appendBytes(lines);
        count += rows;
      } catch (error) {
        fail(error);
      }
    },
    async close() {
      if (failure !== undefined) fail(failure);
      try {
        await encodePending();
      } catch (error) {
        fail(error);
      }
      out.end(batch.subarray(0, used));
      await closed;
      return count;
    },
    destroy() {
      out.destroy();
    },
  };
}

/**
 * Streams rows to a CSV file without holding the file in memory: rows are written a batch at a
 * time as they are produced, pausing whenever the disk falls behind. Returns the number of data
 * rows written.
 */
export async function writeCsvFile<C extends readonly string[]>(
  path: string,
  columns: C,
  rows: Iterable<Partial<Record<C[number], string>>>,
): Promise<number> {
  const file = openCsvFile(path, columns);
  await file.write(rows);
  return file.close();
}
