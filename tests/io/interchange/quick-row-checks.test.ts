import { describe, expect, it } from "vitest";
import type { Cell, RowCells } from "../../../src/io/interchange/schema/table-schema.ts";
import { fieldOf } from "../../../src/io/interchange/schema/table-schema.ts";
import { TABLES, TABLE_NAMES } from "../../../src/io/interchange/tables.ts";

/** Awkward texts for every kind of cell: numbers in every spelling, words in every case, Unicode, blanks. */
const AWKWARD: Cell[] = [
  undefined,
  "1",
  "2",
  "0",
  "-0",
  "+3",
  " 4 ",
  "1.0",
  "1e3",
  "9007199254740993",
  "-1",
  "12",
  "13",
  "TK",
  " k ",
  "K",
  "pk",
  "true",
  "FALSE",
  " yes",
  "No",
  "y",
  "general",
  " Co_Taught ",
  "SDC",
  "sdc;general",
  "O'Brien",
  "María José",
  "😀",
  " ",
  "x",
];

/** A small deterministic generator, so that a failure names a row that can be run again. */
function randomCells(columns: readonly string[], seed: number): RowCells {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  // Required IDs are usually given, so that the number and word cells get checked too.
  return Object.fromEntries(
    columns.map((column) => {
      const pick = next() % (AWKWARD.length + 6);
      return [fieldOf(column), pick < AWKWARD.length ? AWKWARD[pick] : `ID-${pick}`];
    }),
  );
}

describe("the quick row checks of the large files agree with their zod schema", () => {
  const quickTables = TABLE_NAMES.filter((name) => TABLES[name].quick !== undefined);

  it("exist for the files of millions of rows (students and requests)", () => {
    expect(quickTables).toEqual(["students", "requests"]);
  });

  for (const name of quickTables) {
    const table = TABLES[name];
    const quick = table.quick as (cells: RowCells) => unknown;

    it(`${table.file}: accepts exactly the rows zod accepts, as the same domain row, and leaves the others untouched`, () => {
      let accepted = 0;
      for (let seed = 1; seed <= 8_000; seed++) {
        const cells = randomCells(table.columns, seed);
        const before = { ...cells };
        const parsed = table.row.safeParse({ ...cells });
        const row = quick(cells);
        if (parsed.success) {
          accepted++;
          expect(row, JSON.stringify(before)).toStrictEqual(parsed.data);
        } else {
          expect(row, JSON.stringify(before)).toBeUndefined();
          expect(cells).toStrictEqual(before);
        }
      }
      // Both sides of the comparison were exercised.
      expect(accepted).toBeGreaterThan(50);
      expect(accepted).toBeLessThan(7_950);
    });
  }
});
