/**
 * Streams one interchange CSV file row by row: header checks, physical line numbers,
 * empty cells as undefined. Knows nothing of what the rows mean.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { BadByteError, checkBytes, locateByte } from "./check-bytes.ts";
import { NotPlainCsv, readPlainRecords } from "./plain-csv-records.ts";
import type { InputIssue } from "./problem-input-error.ts";
import { fieldOf, type RowCells } from "./schema/table-schema.ts";

/** What the reader needs to know of a file: its name and columns. */
export interface CsvTableSpec {
  file: string;
  columns: readonly string[];
  required: readonly string[];
}

/**
 * How reading went: `read` = every row was handed over (some may still be wrong),
 * `missing` = no such file, `unusable` = the rows could not be read as a table (no
 * header, a required column missing, or broken CSV).
 */
export type CsvTableStatus = "read" | "missing" | "unusable";

/**
 * Receives each data row, keyed by domain field, with the physical line it starts on.
 * `wellFormed` is false for a row whose cell count differs from the header's (already
 * reported): its cells are a best guess, good for knowing its IDs exist, not for its data.
 */
export type RowHandler = (cells: RowCells, line: number, wellFormed: boolean) => void;

/**
 * Receives a well-formed line of the fast path without a row made of it: its cell k (of the
 * file's header) is `text.slice(seps[at + k] + 1, seps[at + k + 1])`, an empty one undefined.
 * `text` and `seps` are reused once it returns (see RecordSink.line).
 */
export type PlainLineHandler = (text: string, seps: Int32Array, at: number, line: number) => void;

/** Line breaks inside a record's fields (quoted multi-line cells); CRLF counts once. */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (field.indexOf("\n") === -1 && field.indexOf("\r") === -1) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

/** The code of an object literal with every field of the file in a fixed order, each from `cell(i)` for the file's column i. */
export function rowLiteral(
  columns: readonly string[],
  indexes: readonly number[],
  cell: (at: number, field: string) => string,
): string {
  const fields = columns.map((column, i) => {
    const at = indexes[i];
    const field = JSON.stringify(fieldOf(column));
    return `${field}: ${at < 0 ? "undefined" : cell(at, field)}`;
  });
  return `{ ${fields.join(", ")} }`;
}

/**
 * Compiles the function that turns a parsed record into a row's cells: an object literal
 * with every field of the file in a fixed order, empty text as undefined. Generated once
 * per file because a loop of `cells[name] = ...` is a slow dynamic store per cell, and
 * one literal shape keeps the code that reads millions of rows monomorphic.
 */
function compileRowBuilder(columns: readonly string[], indexes: readonly number[]): (record: string[]) => RowCells {
  const literal = rowLiteral(columns, indexes, (at) => `(v = r[${at}]) === "" ? undefined : v`);
  return new Function("r", `let v; return ${literal};`) as (record: string[]) => RowCells;
}

/**
 * A line of the fast path: its text, the positions around its cells, where they start (see
 * RecordSink.line), and the row built before it.
 */
type LineBuilder = (text: string, seps: Int32Array, at: number, previous: RowCells) => RowCells;

/**
 * The same for a line of the fast path, each cell sliced from the chunk's text: the same
 * literal, so rows from either path have one shape, and no array per line. A cell that reads
 * as the previous row's field is that field's string (once the row's checks are done, the one
 * string its school or student holds): a district's requests name the same school and
 * student row after row, and a string not made is neither collected nor looked up.
 */
function compileLineBuilder(columns: readonly string[], indexes: readonly number[]): LineBuilder {
  const literal = rowLiteral(
    columns,
    indexes,
    (at, field) =>
      `(b = s[a + ${at}] + 1) === (e = s[a + ${at + 1}]) ? undefined : typeof (v = p[${field}]) === "string" && v.length === e - b && t.startsWith(v, b) ? v : t.slice(b, e)`,
  );
  return new Function("t", "s", "a", "p", `let b, e, v; return ${literal};`) as LineBuilder;
}

/** The cells of a line of the fast path, as csv-parse would give them. */
function cellsOf(text: string, seps: Int32Array, at: number, count: number): string[] {
  const cells: string[] = [];
  for (let k = 0; k < count; k++) cells.push(text.slice(seps[at + k] + 1, seps[at + k + 1]));
  return cells;
}

/** Checks the header against the spec; returns each contract column's index, or undefined if unusable. */
function mapHeader(
  header: readonly string[],
  spec: CsvTableSpec,
  issues: InputIssue[],
  warnings: string[],
): number[] | undefined {
  const names = header.map((name) => name.trim());
  let usable = true;
  const seen = new Set<string>();
  names.forEach((name) => {
    if (seen.has(name) && spec.columns.includes(name)) {
      issues.push({ file: spec.file, line: 1, column: name, message: "column appears more than once in the header" });
      usable = false;
    }
    seen.add(name);
  });
  for (const column of spec.required) {
    if (!seen.has(column)) {
      issues.push({ file: spec.file, line: 1, column, message: "required column is missing" });
      usable = false;
    }
  }
  for (const name of names) {
    if (!spec.columns.includes(name)) warnings.push(`${spec.file}:1: extra column ${JSON.stringify(name)} ignored`);
  }
  return usable ? spec.columns.map((column) => names.indexOf(column)) : undefined;
}

/**
 * Hands each record of the file at `path` in order, with the line breaks inside its cells:
 * read line by line while it can be (readPlainRecords, lines without quotes to `onLine`),
 * else by csv-parse from the start, the records already handed over skipped, so that
 * csv-parse sees the same bytes, keeps its own count of lines and words its errors as it
 * always did.
 */
async function readRecords(
  path: string,
  onLine: (text: string, seps: Int32Array, at: number, count: number) => void,
  onRecord: (record: string[], breaks: number) => void,
): Promise<void> {
  let handed = 0;
  try {
    await readPlainRecords(path, {
      line(text, seps, at, count) {
        handed++;
        onLine(text, seps, at, count);
      },
      record(cells) {
        handed++;
        onRecord(cells, 0);
      },
    });
    return;
  } catch (error) {
    if (!(error instanceof NotPlainCsv)) throw error;
  }
  let skip = handed;
  // `info: true` would give csv-parse's own line count, but it copies an info object per
  // record (measured: 3x slower on 4 million rows); the caller counts breaks instead.
  const parser = parse({ bom: true, relax_column_count: true });
  parser.on("data", (record: string[]) => {
    if (skip > 0) {
      skip--;
      return;
    }
    // A throw inside a stream's event handler would escape the pipeline's promise and end
    // the process; turned into a stream error, it rejects here like any other failure.
    try {
      onRecord(record, lineBreaksIn(record));
    } catch (error) {
      parser.destroy(error as Error);
    }
  });
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), checkBytes(), parser);
}

/**
 * Reads `path` as the interchange file `spec`, handing each data row to `onRow` as soon
 * as it is parsed, so a file of millions of rows is never held in memory. Problems with
 * the file itself go to `issues`, extra columns to `warnings`. With `plainLines`, given the
 * file's column of each contract column (-1: absent) once the header is read, the
 * well-formed lines of the fast path go to the handler it returns instead, as their text.
 */
export async function readCsvTable(
  path: string,
  spec: CsvTableSpec,
  onRow: RowHandler,
  issues: InputIssue[],
  warnings: string[],
  plainLines?: (indexes: readonly number[]) => PlainLineHandler,
): Promise<CsvTableStatus> {
  let onPlainLine: PlainLineHandler | undefined;
  let buildRow: ((record: string[]) => RowCells) | undefined;
  let buildLine: LineBuilder | undefined;
  let previous: RowCells = {};
  let headerSeen = false;
  let headerLength = 0;
  let usable = true;
  let nextLine = 1;
  const onRecord = (record: string[], breaks: number): void => {
    const line = nextLine;
    nextLine += 1 + breaks;
    if (!headerSeen) {
      headerSeen = true;
      headerLength = record.length;
      const indexes = mapHeader(record, spec, issues, warnings);
      usable = indexes !== undefined;
      if (indexes) {
        buildRow = compileRowBuilder(spec.columns, indexes);
        buildLine = compileLineBuilder(spec.columns, indexes);
        onPlainLine = plainLines?.(indexes);
      }
      return;
    }
    if (!usable || buildRow === undefined) return;
    // A blank line parses as a single empty cell: skip it, it still counts as a line.
    if (record.length === 1 && record[0] === "") return;
    if (record.length !== headerLength) {
      issues.push({
        file: spec.file,
        line,
        column: "",
        message: `row has ${record.length} cells but the header has ${headerLength}`,
      });
      onRow(buildRow(record), line, false);
      return;
    }
    onRow(buildRow(record), line, true);
  };
  // The rows of millions: a line of the fast path with as many cells as the header, not blank.
  const onLine = (text: string, seps: Int32Array, at: number, count: number): void => {
    if (buildLine === undefined || count !== headerLength || (count === 1 && seps[at] + 1 === seps[at + 1])) {
      if (headerSeen && !usable) nextLine++;
      else onRecord(cellsOf(text, seps, at, count), 0);
      return;
    }
    if (onPlainLine !== undefined) {
      onPlainLine(text, seps, at, nextLine++);
      return;
    }
    const cells = buildLine(text, seps, at, previous);
    previous = cells;
    onRow(cells, nextLine++, true);
  };
  try {
    await readRecords(path, onLine, onRecord);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code === "EISDIR") {
      issues.push({ file: spec.file, line: 0, column: "", message: "is a folder, not a file" });
      return "unusable";
    }
    if (code === "EACCES") {
      issues.push({ file: spec.file, line: 0, column: "", message: "cannot be read: permission denied" });
      return "unusable";
    }
    if (error instanceof BadByteError) {
      const { line, column } = await locateByte(path, error.offset);
      const hex = `0x${error.byte.toString(16).toUpperCase().padStart(2, "0")}`;
      const message =
        error.kind === "not-utf8"
          ? `byte ${hex} is not UTF-8 (a file saved as Latin-1 or Windows-1252?); save the file as UTF-8`
          : `holds the control character U+${error.byte.toString(16).toUpperCase().padStart(4, "0")}${error.byte === 0 ? " (NUL)" : ""}; remove it`;
      issues.push({ file: spec.file, line, column, message });
      return "unusable";
    }
    if (error instanceof CsvError) {
      // The row being parsed starts on nextLine; csv-parse's message says where it gave up.
      issues.push({ file: spec.file, line: nextLine, column: "", message: `not valid CSV: ${error.message}` });
      return "unusable";
    }
    throw error;
  }
  if (!headerSeen) {
    issues.push({ file: spec.file, line: 1, column: "", message: "file is empty: the header row is missing" });
    return "unusable";
  }
  return usable ? "read" : "unusable";
}
