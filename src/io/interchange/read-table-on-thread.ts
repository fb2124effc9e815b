/**
 * Reading interchange files on a thread of their own (read-table-thread.ts) while the main
 * thread reads the files before them, then handing their rows to the main thread's checks as
 * readCsvTable would have: the same cells, lines, issues and warnings, in the same order. On
 * the district, students.csv and requests.csv are 200 MB of the 210: parsed beside the other
 * files and the checks, on the machine's second core.
 */
import { Worker } from "node:worker_threads";
import path from "node:path";
import { PACKAGE_ROOT } from "../../package-root.ts";
import type { InputIssue } from "./problem-input-error.ts";
import type { CsvTableSpec, CsvTableStatus, RowHandler } from "./read-csv-table.ts";
import { rowLiteral } from "./read-csv-table.ts";
import type { RowCells } from "./schema/table-schema.ts";
import { rowWidth, type PlacedIssue, type ThreadMessage, type ThreadTask } from "./table-rows-batch.ts";

/**
 * The thread's code: bundled (dist/bundle/, see scripts/bundle.mjs), its own JavaScript; as
 * TypeScript, an entry that loads tsx first.
 */
const THREAD_ENTRY = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/read-table-thread.js")
  : path.join(PACKAGE_ROOT, "src/io/interchange/read-table-thread-entry.mjs");

/**
 * Files being read on their thread: `handOver` gives the next file's rows to `onRow`, as
 * readCsvTable does, and says how its read went; `stop` ends the thread.
 */
export interface TablesOnThread {
  handOver: (onRow: RowHandler, issues: InputIssue[], warnings: string[]) => Promise<CsvTableStatus>;
  stop: () => Promise<void>;
}

/** Builds a row's cells from its integers at `at` (see table-rows-batch.ts): one literal, as readCsvTable's. */
type CellsBuilder = (strings: readonly string[], rows: Int32Array, at: number) => RowCells;

/** Compiles the CellsBuilder of a file's columns (generated once per file, as readCsvTable's builders are). */
function compileCellsBuilder(columns: readonly string[]): CellsBuilder {
  const literal = rowLiteral(
    columns,
    columns.map((_, k) => k),
    (k) => `(n = r[a + ${k + 1}]) < 0 ? undefined : s[n]`,
  );
  return new Function("s", "r", "a", `let n; return ${literal};`) as CellsBuilder;
}

/** Messages in the order posted, awaited one by one; the thread's failure or early exit rejects. */
function messagesOf(worker: Worker): () => Promise<ThreadMessage> {
  const queue: ThreadMessage[] = [];
  let waiting: { resolve: (m: ThreadMessage) => void; reject: (e: unknown) => void } | undefined;
  let failed: unknown;
  const fail = (error: unknown) => {
    failed ??= error;
    waiting?.reject(failed);
    waiting = undefined;
  };
  worker.on("message", (message: ThreadMessage) => {
    if (waiting === undefined) queue.push(message);
    else {
      waiting.resolve(message);
      waiting = undefined;
    }
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the thread reading files stopped (exit code ${code})`)));
  return () => {
    const next = queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (failed !== undefined) return Promise.reject(failed);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

/**
 * Starts reading `files` (paths and specs, in the order they will be asked for) on a thread;
 * the thread stops by itself once they alone have `maxIssues` issues.
 */
export function readTablesOnThread(files: { path: string; spec: CsvTableSpec }[], maxIssues: number): TablesOnThread {
  const task: ThreadTask = {
    files: files.map(({ path, spec }) => ({
      path,
      spec: { file: spec.file, columns: spec.columns, required: spec.required },
    })),
    maxIssues,
  };
  const worker = new Worker(THREAD_ENTRY, { workerData: task });
  const next = messagesOf(worker);
  let asked = 0;

  const handOver = async (onRow: RowHandler, issues: InputIssue[], warnings: string[]): Promise<CsvTableStatus> => {
    const { spec } = files[asked++];
    const width = rowWidth(spec.columns.length);
    const buildCells = compileCellsBuilder(spec.columns);
    let handed = 0;
    const place = (placed: PlacedIssue[], from: number, upTo: number): number => {
      let k = from;
      for (; k < placed.length && placed[k].before <= upTo; k++) issues.push(placed[k].issue);
      return k;
    };
    for (;;) {
      const message = await next();
      if (message.kind === "failure") throw message.error;
      if (message.kind === "end") {
        place(message.issues, 0, Infinity);
        warnings.push(...message.warnings);
        return message.status;
      }
      const { strings, rows, count } = message;
      let k = 0;
      for (let r = 0, at = 0; r < count; r++, at += width) {
        k = place(message.issues, k, handed);
        const line = rows[at];
        onRow(buildCells(strings, rows, at), line < 0 ? -line : line, line > 0);
        handed++;
      }
      place(message.issues, k, Infinity);
    }
  };
  return { handOver, stop: () => worker.terminate().then(() => undefined) };
}
