/**
 * The thread that reads interchange files (the district's students.csv and requests.csv) while
 * the main thread reads the files before them: readCsvTable as on the main thread, each row it
 * hands over posted in batches (see table-rows-batch.ts), with the issues readCsvTable found
 * (header, cell counts, bytes, broken CSV) placed between the rows they came before. It checks
 * nothing against other files: the main thread does, row by row, in file order, as before.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { InputIssue } from "./problem-input-error.ts";
import { readCsvTable, type CsvTableStatus, type PlainLineHandler } from "./read-csv-table.ts";
import { fieldOf, type RowCells } from "./schema/table-schema.ts";
import { rowWidth, type PlacedIssue, type ThreadMessage, type ThreadTask } from "./table-rows-batch.ts";

/** Rows a batch: big enough that a message per batch costs nothing, small enough that the checks start early. */
const BATCH_ROWS = 1 << 15;

/** The most texts a column's table of numbers holds (see numberOf). */
const NUMBERED_TEXTS = 1 << 8;

/** A column's table of numbers is dropped when, of its first `after` lookups, fewer than `hitShare` found the text. */
const UNTABLED = { after: 4096, hitShare: 0.25 };

/** Thrown once the files alone have as many issues as the cap: the main thread stops at the cap anyway. */
class StopReading extends Error {}

type Post = (message: ThreadMessage, transfer?: ArrayBuffer[]) => void;

/** Reads the task's files one after another, posting their rows as they are read. */
async function readOnThread(task: ThreadTask, post: Post): Promise<void> {
  const { maxIssues } = task;
  const issues: InputIssue[] = [];
  let placed = 0;
  let stopped = false;
  for (const { path, spec } of task.files) {
    if (stopped) {
      // The main thread stops at the cap before it asks for this file; ended all the same.
      post({ kind: "end", status: "unusable", issues: [], warnings: [] });
      continue;
    }
    const fields = spec.columns.map(fieldOf);
    const width = rowWidth(fields.length);
    const warnings: string[] = [];
    let handed = 0;
    /**
     * Recent texts' numbers, a table per column, emptied once it holds NUMBERED_TEXTS and with
     * each batch: small tables stay in the processor's cache, and a text seen again after that
     * (a course of an earlier school) is merely sent twice. The texts of each column's previous row skip most
     * lookups: a student's requests name the same school and student row after row.
     */
    const numberOf = fields.map(() => new Map<string, number>());
    /**
     * Lookups and hits of each column's table: a column whose texts are nearly all new (a
     * student's ID, names) is numbered without its table once that is clear (see UNTABLED).
     */
    const lookups = new Int32Array(fields.length);
    const hits = new Int32Array(fields.length);
    const tabled = fields.map(() => true);
    const last: (string | undefined)[] = fields.map(() => undefined);
    const lastNumber = new Int32Array(fields.length).fill(-1);
    let strings: string[] = [];
    let rows = new Int32Array(BATCH_ROWS * width);
    let count = 0;
    let pending: PlacedIssue[] = [];

    const placeIssues = () => {
      for (; placed < issues.length; placed++) pending.push({ before: handed, issue: issues[placed] });
    };
    const flush = () => {
      post({ kind: "rows", strings, rows, count, issues: pending }, [rows.buffer as ArrayBuffer]);
      strings = [];
      rows = new Int32Array(BATCH_ROWS * width);
      count = 0;
      pending = [];
      // Numbers start again with each batch (a text is its index in the batch's strings): the
      // checking thread keeps no text past its batch, only what its rows hold, where it kept
      // every text of the read in one array (copied into as it grew, 140 MB sampled).
      for (let k = 0; k < fields.length; k++) {
        numberOf[k].clear();
        last[k] = undefined;
      }
    };
    const numberText = (k: number, text: string): number => {
      if (text === last[k]) return lastNumber[k];
      let n: number | undefined;
      if (tabled[k]) {
        const numbers = numberOf[k];
        n = numbers.get(text);
        if (n === undefined) {
          n = strings.push(text) - 1;
          if (numbers.size === NUMBERED_TEXTS) numbers.clear();
          numbers.set(text, n);
        } else hits[k]++;
        if (++lookups[k] === UNTABLED.after && hits[k] < UNTABLED.after * UNTABLED.hitShare) tabled[k] = false;
      } else {
        n = strings.push(text) - 1;
      }
      last[k] = text;
      lastNumber[k] = n;
      return n;
    };
    /** Starts the next row of the batch with its line (see rowWidth); returns where its integers start. */
    const startRow = (line: number): number => {
      placeIssues();
      if (issues.length >= maxIssues) throw new StopReading();
      const at = count * width;
      rows[at] = line;
      return at;
    };
    /** Ends the row started: the batch is posted once full. */
    const endRow = () => {
      handed++;
      if (++count === BATCH_ROWS) flush();
    };
    const onRow = (cells: RowCells, line: number, wellFormed: boolean) => {
      const at = startRow(wellFormed ? line : -line);
      for (let k = 0; k < fields.length; k++) {
        const text = cells[fields[k]];
        rows[at + 1 + k] = text === undefined ? -1 : numberText(k, text);
      }
      endRow();
    };
    /**
     * The rows of millions, numbered from the line's text: a cell that reads as its column's
     * previous text is that text's number without a string made, and no row object is made
     * (measured on the district, students.csv and requests.csv alone, medians of 3 alternated
     * runs at load 10: the thread and its GC 6.2 s of CPU before, 4.7 s). A table of every
     * student ID, so that a request's student_id would be its student's own string, cost the
     * thread another second and spared the checking thread nothing measurable.
     */
    const plainLines =
      (indexes: readonly number[]): PlainLineHandler =>
      (text, seps, at, line) => {
        const row = startRow(line);
        for (let k = 0; k < indexes.length; k++) {
          const i = indexes[k];
          let n = -1;
          if (i >= 0) {
            const b = seps[at + i] + 1;
            const e = seps[at + i + 1];
            if (b !== e) {
              const previous = last[k];
              n =
                previous !== undefined && previous.length === e - b && text.startsWith(previous, b)
                  ? lastNumber[k]
                  : numberText(k, text.slice(b, e));
            }
          }
          rows[row + 1 + k] = n;
        }
        endRow();
      };
    let status: CsvTableStatus;
    try {
      status = await readCsvTable(path, spec, onRow, issues, warnings, plainLines);
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
      stopped = true;
      status = "unusable";
    }
    if (count > 0) flush();
    placeIssues();
    post({ kind: "end", status, issues: pending, warnings });
  }
}

const port = parentPort;
if (port !== null) {
  readOnThread(workerData as ThreadTask, (message, transfer) => port.postMessage(message, transfer)).catch(
    (error: unknown) => port.postMessage({ kind: "failure", error } satisfies ThreadMessage),
  );
}
