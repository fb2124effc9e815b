/** Builds bad inputs for the interchange tests: a private copy of the tiny example to edit. */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { fileURLToPath } from "node:url";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { formatIssue, ProblemInputError } from "../../../src/io/interchange/problem-input-error.ts";

/** The repository's tiny example (fixtures/examples/tiny): every file and column of the format. */
export const TINY = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "fixtures", "examples", "tiny");

/** A fresh temp dir, removed by `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "interchange-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies the tiny example to `dir`. */
export async function copyTiny(dir: string): Promise<void> {
  await cp(TINY, dir, { recursive: true });
}

/** The lines of a file (without the final empty one). */
export async function linesOf(dir: string, file: string): Promise<string[]> {
  const text = await readFile(join(dir, file), "utf8");
  return text.replace(/\n$/, "").split("\n");
}

/** The v1.1 columns the tiny example adds at the end of a file's header. */
const LATER_COLUMNS: Record<string, number> = { "schools.csv": 1, "sections.csv": 3, "students.csv": 1 };

/**
 * A row written with the v1 columns only gets empty v1.1 cells, so specs of v1 rules read as
 * they were written; a row of any other width is left as it is (specs of wrong widths).
 */
function withLaterCells(file: string, header: string, text: string): string {
  const later = LATER_COLUMNS[file] ?? 0;
  if (later === 0 || text === "" || text === header) return text;
  const width = (row: string): number => (parse(row, { relax_quotes: true }) as string[][])[0]?.length ?? 0;
  let cells: number;
  try {
    cells = width(text);
  } catch {
    return text;
  }
  return cells === width(header) - later ? text + ",".repeat(later) : text;
}

/** Replaces physical line `line` (1 = header) of a file. */
export async function setLine(dir: string, file: string, line: number, text: string): Promise<void> {
  const lines = await linesOf(dir, file);
  if (line < 1 || line > lines.length + 1) throw new Error(`${file} has no line ${line}`);
  lines[line - 1] = line === 1 ? text : withLaterCells(file, lines[0]!, text);
  await writeFile(join(dir, file), lines.join("\n") + "\n");
}

/** Appends rows to a file; returns the line number of the first one. */
export async function appendLines(dir: string, file: string, ...rows: string[]): Promise<number> {
  const lines = await linesOf(dir, file);
  await writeFile(
    join(dir, file),
    [...lines, ...rows.map((row) => withLaterCells(file, lines[0]!, row))].join("\n") + "\n",
  );
  return lines.length + 1;
}

/** Reads `dir`, expecting a rejection; returns every issue formatted as `file:line: column: message`. */
export async function rejectionOf(dir: string): Promise<string[]> {
  try {
    await readProblem(dir);
  } catch (error) {
    if (error instanceof ProblemInputError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error("expected the problem to be rejected, but it was read");
}
