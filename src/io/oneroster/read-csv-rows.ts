import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse";
import { RosterReadError } from "./roster-read-error.ts";

/** One data row of a CSV file: the line it starts on and its cells by column name. */
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
  // Line numbers are counted here rather than asking csv-parse for `info`, which doubles its
  // cost on millions of rows: a record spans one line plus one per newline in its cells. Cell
  // counts are checked here too, to name the line; empty lines come through as [""].
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true }));
  let header: Map<string, number> | undefined;
  let width = 0;
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + newlinesIn(record);
      if (record.length === 1 && record[0] === "") continue;
      if (!header) {
        header = new Map(record.map((name, index) => [name.trim(), index]));
        width = record.length;
        for (const column of requiredColumns) {
          if (!header.has(column)) throw new RosterReadError(file, start, `missing column ${column}`);
        }
        continue;
      }
      if (record.length !== width) {
        throw new RosterReadError(file, start, `${record.length} cells, but the header has ${width} columns`);
      }
      const columns = header;
      yield { line: start, cell: (column) => record[columns.get(column) ?? -1] ?? "" };
    }
  } catch (error) {
    if (error instanceof RosterReadError) throw error;
    const errorLine = (error as { lines?: number }).lines;
    throw new RosterReadError(file, errorLine, (error as Error).message);
  } finally {
    parser.destroy();
  }
  if (!header) throw new RosterReadError(file, undefined, "empty file: no header row");
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) {
    if (!cell.includes("\n") && !cell.includes("\r")) continue;
    // \r\n, \n and a lone \r each end one line.
    count += cell.match(/\r\n|\n|\r/g)!.length;
  }
  return count;
}
