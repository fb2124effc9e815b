/** Reads a problem directory in interchange format v1 into a checked Problem. */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Problem } from "../../domain/problem.ts";
import { checkStudentRequests } from "./check-student-requests.ts";
import { checkTeamsAndLinks } from "./check-teams-and-links.ts";
import { CHECK_ROW, registerRow, type Report } from "./cross-check.ts";
import { createProblemIndex, type ProblemIndex } from "./problem-index.ts";
import { ProblemFolderError, ProblemInputError, type InputIssue } from "./problem-input-error.ts";
import { readCsvTable, type RowHandler } from "./read-csv-table.ts";
import { readTablesOnThread, type TablesOnThread } from "./read-table-on-thread.ts";
import { fieldOf, type RowCells } from "./schema/table-schema.ts";
import { OPTIONAL_FILES, TABLE_NAMES, TABLES, type TableName } from "./tables.ts";

/** An empty problem, filled file by file. */
function emptyProblem(): Problem {
  return { schools: [], courses: [], teachers: [], rooms: [], sections: [], students: [], requests: [], avoid: [] };
}

/** Thrown inside the reader once the issues reach the cap: reading stops there. */
class IssueCapReached extends Error {}

/**
 * Rows gathered in arrays of this many, joined once the file is read: one array pushed to
 * 4.9 million requests was regrown and copied some 40 times, each copy a new large object
 * that every new row was then written into across generations. On the district, 3 pairs of
 * reads alternated at load 8-10: the main thread 7.5 s of CPU against 7.8 s (median), the
 * process 15.1 s against 15.7; lower in each pair.
 */
const ROWS_A_PART = 1 << 16;

/** A file's rows as they are read, in parts (see ROWS_A_PART), and all of them once read. */
function rowParts<T>(): { push: (row: T) => void; all: () => T[] } {
  const parts: T[][] = [];
  let part: T[] = [];
  return {
    push(row) {
      part.push(row);
      if (part.length === ROWS_A_PART) {
        parts.push(part);
        part = [];
      }
    },
    all() {
      parts.push(part);
      part = [];
      return parts.length === 1 ? parts[0] : parts[0].concat(...parts.slice(1));
    },
  };
}

/**
 * The handler of one file's rows: each row validated, then checked against the files before
 * it, and added to `rows` (the rows of `problem[name]`).
 */
function rowHandler<K extends TableName>(
  name: K,
  index: ProblemIndex,
  issues: InputIssue[],
  maxIssues: number,
  rows: { push: (row: Problem[K][number]) => void },
): RowHandler {
  const table = TABLES[name];
  const check = CHECK_ROW[name];
  const { file } = table;
  const quick = table.quick as ((cells: RowCells) => Problem[K][number] | undefined) | undefined;
  const columnOf = new Map(table.columns.map((column) => [fieldOf(column), column]));
  const report: Report = (line, column, message) => issues.push({ file, line, column, message });
  return (cells, line, wellFormed) => {
    // Checked per row, not per issue: a file of a million bad rows costs a bounded list, and stops early.
    if (issues.length >= maxIssues) throw new IssueCapReached();
    if (!wellFormed) {
      registerRow(name, cells, undefined, line, index, report);
      return;
    }
    let row = quick?.(cells);
    if (row === undefined) {
      const parsed = table.row.safeParse(cells);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "");
          report(line, columnOf.get(field) ?? field, issue.message);
        }
        registerRow(name, cells, undefined, line, index, report);
        return;
      }
      row = parsed.data as Problem[K][number];
    }
    const issuesBefore = issues.length;
    check(row, line, index, report);
    // A row that failed its checks (e.g. a school whose grades are upside down) still
    // exists, but rows referring to it are not checked against its data: one error, not hundreds.
    registerRow(name, cells, issues.length === issuesBefore ? row : undefined, line, index, report);
    rows.push(row);
  };
}

/**
 * Streams one file into `problem[name]` (see rowHandler), read here or, when `onThread`,
 * on the thread that has been reading it meanwhile.
 */
async function readTable<K extends TableName>(
  dir: string,
  name: K,
  problem: Problem,
  index: ProblemIndex,
  issues: InputIssue[],
  warnings: string[],
  maxIssues: number,
  onThread: TablesOnThread | undefined,
): Promise<void> {
  const table = TABLES[name];
  const rows = rowParts<Problem[K][number]>();
  const onRow = rowHandler(name, index, issues, maxIssues, rows);
  const status =
    onThread === undefined
      ? await readCsvTable(join(dir, table.file), table, onRow, issues, warnings)
      : await onThread.handOver(onRow, issues, warnings);
  problem[name] = rows.all() as Problem[K];
  if (issues.length >= maxIssues) throw new IssueCapReached();
  if (status === "missing" && !OPTIONAL_FILES.has(table.file))
    issues.push({ file: table.file, line: 0, column: "", message: "required file is missing" });
  if (status !== "read") index.unusable.add(name);
}

/** The problem's folder must exist and be a folder: one line that says so, not a missing file per table. */
async function checkProblemFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (found === undefined) throw new ProblemFolderError(dir, "no such folder");
  if (!found.isDirectory()) throw new ProblemFolderError(dir, "is a file, not a folder of CSV files");
}

/** Issues in file order, then line order, as a person fixing them would read them. */
function sortIssues(issues: InputIssue[]): InputIssue[] {
  const fileOrder = new Map(TABLE_NAMES.map((name, i) => [TABLES[name].file, i]));
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.issue.file) ?? 0) - (fileOrder.get(b.issue.file) ?? 0) ||
        a.issue.line - b.issue.line ||
        a.i - b.i,
    )
    .map(({ issue }) => issue);
}

/**
 * From this size of requests.csv on, it and students.csv are read on a thread of their own
 * while the other files are read (read-table-on-thread.ts). Below it, the thread's start (tens
 * of milliseconds compiled, a few hundred through tsx) costs more than it saves: a school's
 * 3,000 students make 2 MB.
 */
export const REQUESTS_THREAD_FROM_BYTES = 16 * 2 ** 20;

/** The files read on the thread, in reading order: the two big ones of a district. */
const ON_THREAD: readonly TableName[] = ["students", "requests"];

/** Starts reading the ON_THREAD files on a thread when requests.csv is big enough; undefined otherwise. */
async function startThread(dir: string, fromBytes: number, maxIssues: number): Promise<TablesOnThread | undefined> {
  const size = await stat(join(dir, TABLES.requests.file)).then(
    (found) => (found.isFile() ? found.size : -1),
    () => -1,
  );
  if (size < fromBytes) return undefined;
  return readTablesOnThread(
    ON_THREAD.map((name) => ({ path: join(dir, TABLES[name].file), spec: TABLES[name] })),
    maxIssues,
  );
}

/**
 * Reads the problem in `dir` (schools.csv ... requests.csv, optional avoid.csv), streaming
 * each file row by row. Throws one ProblemInputError listing every error found, and
 * returns nothing then; warnings (e.g. ignored extra columns) come back with the problem.
 * Optional fields not given are present as `undefined`. With `maxIssues`, reading stops once
 * that many issues are found (the error says it was cut short): the API caps what a hostile
 * upload can make it build. `requestsThreadFromBytes` (default REQUESTS_THREAD_FROM_BYTES)
 * is the size of requests.csv from which it and students.csv are read on a thread of their
 * own: the same problem, issues and warnings either way.
 */
export async function readProblem(
  dir: string,
  options: { maxIssues?: number; requestsThreadFromBytes?: number } = {},
): Promise<{ problem: Problem; warnings: string[] }> {
  await checkProblemFolder(dir);
  const maxIssues = options.maxIssues ?? Infinity;
  const problem = emptyProblem();
  const index = createProblemIndex();
  const issues: InputIssue[] = [];
  const warnings: string[] = [];
  const thread = await startThread(dir, options.requestsThreadFromBytes ?? REQUESTS_THREAD_FROM_BYTES, maxIssues);
  try {
    for (const name of TABLE_NAMES) {
      const onThread = ON_THREAD.includes(name) ? thread : undefined;
      await readTable(dir, name, problem, index, issues, warnings, maxIssues, onThread);
    }
  } catch (error) {
    if (error instanceof IssueCapReached) throw new ProblemInputError(sortIssues(issues).slice(0, maxIssues), true);
    throw error;
  } finally {
    // Stopped early (the cap, a failure), the thread would read on for nothing.
    await thread?.stop();
  }
  if (!index.unusable.has("sections")) {
    const file = TABLES.sections.file;
    checkTeamsAndLinks(problem, index, (line, column, message) => issues.push({ file, line, column, message }));
  }
  if (!index.unusable.has("requests")) {
    const file = TABLES.requests.file;
    checkStudentRequests(index.requestRun, problem.requests, index.invalidRequests, (line, column, message) =>
      issues.push({ file, line, column, message }),
    );
  }
  // Read without a word, an empty problem would replace the roster with an empty one.
  if (issues.length === 0) {
    for (const name of ["schools", "students"] as const) {
      if (problem[name].length === 0)
        issues.push({ file: TABLES[name].file, line: 0, column: "", message: `has no ${name}: nothing to schedule` });
    }
  }
  // The whole-file checks after the read (teams and links, students' requests) stay under the cap too.
  if (issues.length > 0) throw new ProblemInputError(sortIssues(issues).slice(0, maxIssues), issues.length > maxIssues);
  return { problem, warnings };
}
