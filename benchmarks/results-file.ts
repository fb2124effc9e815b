/** Where every benchmark leaves its figures: benchmarks/results/<name>.json, and a Markdown table beside it when it has one. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const RESULTS_DIR = path.join(import.meta.dirname, "results");

/** Writes benchmarks/results/<name>.json (and <name>.md when a table is given); returns the JSON file's path. */
export function writeResult(name: string, result: unknown, table?: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (table !== undefined) writeFileSync(path.join(RESULTS_DIR, `${name}.md`), table);
  return file;
}
