import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CLASSES_COLUMNS,
  ENROLLMENTS_COLUMNS,
  USERS_COLUMNS,
  plainColumns,
} from "../../../src/io/oneroster/columns.ts";
import { openCsvFile, writeCsvFile } from "../../../src/io/oneroster/write-csv-file.ts";

const COLUMNS = ["id", "name", "note"] as const;

/** Cells that need quoting, and cells that look as if they might but do not. */
const AWKWARD = [
  "O'Brien",
  'say "hi"',
  "a,b",
  "line\nbreak",
  "carriage\rreturn",
  "crlf\r\n",
  '"',
  ",",
  "",
  " spaced ",
  "Zoë 山田 🙂",
  "=SUM(A1)",
  "'quoted'",
  "tab\there",
];

describe("writeCsvFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "mse-csv-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("writes the same bytes as csv-stringify with its defaults, awkward cells included", async () => {
    const rows = AWKWARD.flatMap((a, i) => AWKWARD.map((b, j) => ({ id: `${i}-${j}`, name: a, note: b })));
    const file = path.join(dir, "out.csv");
    expect(await writeCsvFile(file, COLUMNS, rows)).toBe(rows.length);
    const expected = stringify([[...COLUMNS], ...rows.map((r) => COLUMNS.map((c) => r[c]))]);
    expect(await readFile(file, "utf8")).toBe(expected);
  });

  it("writes an empty cell for a column a row leaves out, and the header alone for no rows", async () => {
    const file = path.join(dir, "sparse.csv");
    expect(await writeCsvFile(file, COLUMNS, [{ id: "1" }, { note: "n" }])).toBe(2);
    expect(await readFile(file, "utf8")).toBe("id,name,note\n1,,\n,,n\n");
    expect(await writeCsvFile(file, COLUMNS, [])).toBe(0);
    expect(await readFile(file, "utf8")).toBe("id,name,note\n");
  });

  it("keeps every row, in order and byte for byte, over many batches and a row longer than a batch", async () => {
    // Over 3 MB of rows of every width of character, so that batches end anywhere in them.
    const rows = Array.from({ length: 40_001 }, (_, i) => ({
      id: String(i),
      name: `${AWKWARD[i % AWKWARD.length]}${"é山🙂".repeat(i % 5)}${"山".repeat(60 + (i % 40))}`,
      note: i === 20_000 ? "x🙂,".repeat(300_000) : AWKWARD[(i * 7) % AWKWARD.length],
    }));
    const file = path.join(dir, "big.csv");
    expect(await writeCsvFile(file, COLUMNS, rows)).toBe(rows.length);
    const expected = stringify([[...COLUMNS], ...rows.map((r) => COLUMNS.map((c) => r[c]))]);
    expect(await readFile(file, "utf8")).toBe(expected);
  });

  it("never reorders lines appended as text, as small bytes and as bytes larger than a batch, mixed with rows", async () => {
    // Small appends go through the batch, large ones (a district school's enrollments) straight
    // to the stream: the file must still hold them in the order they were given.
    const file = path.join(dir, "appended.csv");
    const csv = openCsvFile(file, COLUMNS, ["id"]);
    const expected: string[] = ["id,name,note\n"];
    let rows = 0;
    for (let i = 0; i < 20; i++) {
      const width = [10, 70_000, 3, 1_500_000, 65_536][i % 5]!;
      const lines = `${i},${"é山🙂x".repeat(Math.ceil(width / 10))},${i % 7}\n`;
      if (i % 3 === 0) await csv.append(lines, 1);
      else await csv.append(Buffer.from(lines, "utf8"), 1);
      expected.push(lines);
      await csv.write([{ id: `r${i}`, name: AWKWARD[i % AWKWARD.length] }]);
      expected.push(stringify([[`r${i}`, AWKWARD[i % AWKWARD.length], ""]]));
      rows += 2;
    }
    expect(await csv.close()).toBe(rows);
    expect(await readFile(file, "utf8")).toBe(expected.join(""));
  });

  it("writes the cells of plain columns as they are and quotes the others, over several writes", async () => {
    const file = path.join(dir, "plain.csv");
    const csv = openCsvFile(file, COLUMNS, ["id"]);
    await csv.write([{ id: "a/b", name: "a,b" }]);
    await csv.write([{ id: "c@d", note: 'say "hi"' }]);
    expect(await csv.close()).toBe(2);
    expect(await readFile(file, "utf8")).toBe('id,name,note\na/b,"a,b",\nc@d,,"say ""hi"""\n');
  });

  it("takes as plain only the columns of one sourcedId or a fixed word, never a list of sourcedIds", () => {
    expect(plainColumns(ENROLLMENTS_COLUMNS)).toEqual([...ENROLLMENTS_COLUMNS].filter((c) => !c.endsWith("Date")));
    expect(plainColumns(CLASSES_COLUMNS)).toEqual([
      "sourcedId",
      "status",
      "dateLastModified",
      "courseSourcedId",
      "classType",
      "schoolSourcedId",
    ]);
    expect(plainColumns(USERS_COLUMNS)).not.toContain("agentSourcedIds");
  });

  it("rejects, rather than crashing the process, when the file cannot be written", async () => {
    await expect(writeCsvFile(path.join(dir, "missing", "out.csv"), COLUMNS, [{ id: "1" }])).rejects.toThrow(/ENOENT/);
  });

  it("passes on an error thrown while the rows are produced", async () => {
    function* failing() {
      yield { id: "1" };
      throw new Error("rows failed");
    }
    await expect(writeCsvFile(path.join(dir, "failing.csv"), COLUMNS, failing())).rejects.toThrow("rows failed");
  });
});
