/**
 * Writes a problem as interchange v1 CSV, streaming: rows go to disk as they are given,
 * so a generator can write a 600,000-student district school by school.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { stringify, type Stringifier } from "csv-stringify";
import type { Problem, SchoolProblem } from "../../domain/problem.ts";
import type { TableSchema } from "./schema/table-schema.ts";
import { TABLE_NAMES, TABLES, type TableName } from "./tables.ts";

/** An open problem directory: every file has its header; rows are appended until close. */
export interface ProblemWriter {
  /** Appends rows to the file of `table`, in order. */
  write<K extends TableName>(table: K, rows: Iterable<Problem[K][number]>): Promise<void>;
  /** Appends one school's rows to every file. */
  writeSchool(school: SchoolProblem): Promise<void>;
  /** Flushes and closes every file. */
  close(): Promise<void>;
}

/** IDs in a `;`-list cell would read back as a different list: refuse rather than write it wrong. */
function checkListItems(file: string, items: readonly string[]): void {
  for (const item of items) {
    if (item.includes(";") || item.trim() !== item || item === "") {
      throw new Error(`${file}: cannot write ${JSON.stringify(item)} in a ;-separated list cell`);
    }
  }
}

/** List cells of each file that hold IDs, checked before writing. */
const LIST_ITEMS: Partial<{ [K in TableName]: (row: Problem[K][number]) => readonly string[][] }> = {
  schools: (s) => [s.terms],
  teachers: (t) => [t.qualifiedCourses],
  sections: (s) => [s.terms],
};

/** One open file: its stringifier, the promise that settles when it is on disk, and the cells it keeps. */
interface OpenFile {
  stringifier: Stringifier;
  done: Promise<void>;
  /** Indexes of the table's cells written (all but the later columns left out). */
  kept: number[];
}

function openFile(dir: string, table: TableSchema<unknown>, later: ReadonlySet<string>): OpenFile {
  const kept = table.columns.flatMap((column, i) =>
    table.later?.includes(column) && !later.has(`${table.file}:${column}`) ? [] : [i],
  );
  const stringifier = stringify({ header: true, columns: kept.map((i) => table.columns[i]!) });
  const done = pipeline(stringifier, createWriteStream(join(dir, table.file)));
  // Errors surface through `done`; this keeps them from being reported as unhandled first.
  done.catch(() => {});
  return { stringifier, done, kept };
}

/**
 * Opens `dir` (created if needed) for writing a problem file by file or school by school.
 * `later` names the later-version columns to write ("students.csv:email"); the others are left out.
 */
export async function createProblemWriter(dir: string, later: ReadonlySet<string> = new Set()): Promise<ProblemWriter> {
  await mkdir(dir, { recursive: true });
  const files = new Map<TableName, OpenFile>(
    TABLE_NAMES.map((name) => [name, openFile(dir, TABLES[name] as TableSchema<unknown>, later)]),
  );

  async function write<K extends TableName>(name: K, rows: Iterable<Problem[K][number]>): Promise<void> {
    const table = TABLES[name] as TableSchema<Problem[K][number]>;
    const listItems = LIST_ITEMS[name] as ((row: Problem[K][number]) => readonly string[][]) | undefined;
    const { stringifier, done, kept } = files.get(name) as OpenFile;
    const all = kept.length === table.columns.length;
    for (const row of rows) {
      if (listItems) for (const items of listItems(row)) checkListItems(table.file, items);
      const cells = table.cells(row);
      if (!stringifier.write(all ? cells : kept.map((i) => cells[i]))) {
        // Wait for the disk, or fail with the file's error instead of waiting forever.
        await Promise.race([once(stringifier, "drain"), done]);
      }
    }
  }

  return {
    write,
    async writeSchool(school) {
      await write("schools", [school.school]);
      for (const name of TABLE_NAMES) {
        if (name !== "schools") await write(name, school[name]);
      }
    },
    async close() {
      for (const { stringifier } of files.values()) stringifier.end();
      await Promise.all([...files.values()].map((f) => f.done));
    },
  };
}

/**
 * Writes `problem` to `dir` as interchange CSV, rows in the problem's order, so readProblem
 * gives it back; a later-version column is written where some row has a value in it.
 */
export async function writeProblem(dir: string, problem: Problem): Promise<void> {
  const later = new Set<string>();
  for (const name of TABLE_NAMES) {
    const table = TABLES[name] as TableSchema<Problem[typeof name][number]>;
    for (const column of table.later ?? []) {
      const index = table.columns.indexOf(column);
      if ((problem[name] as Problem[typeof name][number][]).some((row) => table.cells(row)[index] !== undefined))
        later.add(`${table.file}:${column}`);
    }
  }
  const writer = await createProblemWriter(dir, later);
  try {
    for (const name of TABLE_NAMES) await writer.write(name, problem[name]);
  } finally {
    await writer.close();
  }
}
