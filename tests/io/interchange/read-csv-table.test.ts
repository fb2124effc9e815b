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

describe("readCsvTable on awkward files", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  /** Rows and issues of `text` read as rooms.csv. */
  async function read(text: string) {
    await writeFile(join(dir, "rooms.csv"), text);
    const rows: unknown[] = [];
    const issues: InputIssue[] = [];
    const status = await readCsvTable(
      join(dir, "rooms.csv"),
      spec,
      (cells, line) => rows.push({ cells, line }),
      issues,
      [],
    );
    return { status, rows, issues };
  }

  it("keeps quotes, apostrophes and any Unicode of a CRLF file with a byte order mark, on their lines", async () => {
    const text = '\uFEFFschool_id,room_id,capacity\r\nS,"Lab, ""B""",30\r\n\r\nS,D\'Art 😀,\r\nÉcole,東京,5\r\n';
    expect(await read(text)).toEqual({
      status: "read",
      issues: [],
      rows: [
        { cells: { schoolId: "S", roomId: 'Lab, "B"', capacity: "30" }, line: 2 },
        { cells: { schoolId: "S", roomId: "D'Art 😀", capacity: undefined }, line: 4 },
        { cells: { schoolId: "École", roomId: "東京", capacity: "5" }, line: 5 },
      ],
    });
  });

  it("words broken CSV as csv-parse does, on the line of the row, however many plain rows come first", async () => {
    const plain = "S,A1,30\n".repeat(5000);
    const { status, rows, issues } = await read(`school_id,room_id,capacity\n${plain}S,"A2,30\nS,A3,30\n`);
    expect(status).toBe("unusable");
    expect(rows).toHaveLength(5000);
    expect(issues).toEqual([
      {
        file: "rooms.csv",
        line: 5002,
        column: "",
        message: "not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 5003",
      },
    ]);
  });
});
