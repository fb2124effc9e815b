import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InputIssue } from "../../../src/io/interchange/problem-input-error.ts";
import { readCsvTable } from "../../../src/io/interchange/read-csv-table.ts";
import { tempDir } from "./tiny-copy.ts";

const spec = { file: "rooms.csv", columns: ["school_id", "room_id", "capacity"], required: ["school_id", "room_id"] };

describe("readCsvTable", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it("hands over each row keyed by domain field, empty cells as undefined, with its first physical line", async () => {
    await writeFile(join(dir, "rooms.csv"), 'room_id,school_id\n"Lab\n2",S\n\nA1,S\n');
    const rows: unknown[] = [];
    const issues: InputIssue[] = [];
    const status = await readCsvTable(
      join(dir, "rooms.csv"),
      spec,
      (cells, line) => rows.push({ cells, line }),
      issues,
      [],
    );
    expect(status).toBe("read");
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { cells: { schoolId: "S", roomId: "Lab\n2", capacity: undefined }, line: 2 },
      { cells: { schoolId: "S", roomId: "A1", capacity: undefined }, line: 5 },
    ]);
  });

  it("says a file is missing rather than reporting it, since only the caller knows if it is optional", async () => {
    const issues: InputIssue[] = [];
    expect(await readCsvTable(join(dir, "rooms.csv"), spec, () => {}, issues, [])).toBe("missing");
    expect(issues).toEqual([]);
  });

  it("rejects with the row handler's own error when the handler throws", async () => {
    await writeFile(join(dir, "rooms.csv"), "school_id,room_id\nS,A1\n");
    const failing = () => {
      throw new Error("handler bug");
    };
    await expect(readCsvTable(join(dir, "rooms.csv"), spec, failing, [], [])).rejects.toThrow("handler bug");
  });
});
