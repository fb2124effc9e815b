import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse";
import { RosterReadError } from "./roster-read-error.ts";

/** One data row of a CSV file: its line number and its cells by column name. */
export interface CsvRow {
  line: number;
  /** The cell of a column, "" when the cell is empty or the column absent. */
  cell(column: string): string;
}

/**
 * Streams the data rows of dir/file (UTF-8, BOM tolerated, RFC 4180), checking that the
 * header holds every required column. Errors name the file and line.
 */
export async function* readCsvRows(
  dir: string,
  file: string,
  requiredColumns: readonly string[],
): AsyncGenerator<CsvRow> {
  const path = join(dir, file);
  try {
    await access(path);
  } catch {
    throw new RosterReadError(file, undefined, `file not found in ${dir}`);
  }
  const parser = createReadStream(path).pipe(parse({ bom: true, info: true, skip_empty_lines: true }));
  let header: Map<string, number> | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = new Map(record.map((name, index) => [name.trim(), index]));
        for (const column of requiredColumns) {
          if (!header.has(column)) throw new RosterReadError(file, info.lines, `missing column ${column}`);
        }
        continue;
      }
      const columns = header;
      yield { line: info.lines, cell: (column) => record[columns.get(column) ?? -1] ?? "" };
    }
  } catch (error) {
    if (error instanceof RosterReadError) throw error;
    const line = (error as { lines?: number }).lines;
    throw new RosterReadError(file, line, (error as Error).message);
  } finally {
    parser.destroy();
  }
  if (!header) throw new RosterReadError(file, undefined, "empty file: no header row");
}
