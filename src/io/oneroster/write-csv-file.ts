import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";

/**
 * Streams rows to a CSV file (RFC 4180, UTF-8, header first) without holding the file in
 * memory: rows are pulled from the iterable as the disk takes them, so millions of
 * enrollments cost the memory of one batch.
 */
export async function writeCsvFile<C extends readonly string[]>(
  path: string,
  columns: C,
  rows: Iterable<Partial<Record<C[number], string>>>,
): Promise<void> {
  await pipeline(
    Readable.from(rows, { objectMode: true }),
    stringify({ header: true, columns: [...columns] }),
    createWriteStream(path, { encoding: "utf8" }),
  );
}
