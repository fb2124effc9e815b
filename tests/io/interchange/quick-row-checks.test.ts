import { beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../../src/domain/problem.ts";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import type { Cell, RowCells, TableSchema } from "../../../src/io/interchange/schema/table-schema.ts";
import { fieldOf } from "../../../src/io/interchange/schema/table-schema.ts";
import { TABLES, TABLE_NAMES } from "../../../src/io/interchange/tables.ts";
import { TINY } from "./tiny-copy.ts";

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

/**
 * A row of `valid` cells with about a third of them swapped for awkward texts, from a small
 * deterministic generator, so that a failure names a row that can be run again. Starting from a
 * valid row keeps accepted rows frequent in files of many number and word columns (sections.csv).
 */
function randomCells(columns: readonly string[], valid: readonly Cell[], seed: number): RowCells {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  return Object.fromEntries(
    columns.map((column, k) => {
      const pick = next() % (AWKWARD.length * 3);
      return [fieldOf(column), pick < AWKWARD.length ? AWKWARD[pick] : valid[k]];
    }),
  );
}

describe("the quick row checks agree with their zod schema", () => {
  const quickTables = TABLE_NAMES.filter((name) => TABLES[name].quick !== undefined);
  let tiny: Problem;
  beforeAll(async () => {
    tiny = (await readProblem(TINY)).problem;
  });

  it("exist for every file, so that zod runs only on a row it refuses", () => {
    expect(quickTables).toEqual(TABLE_NAMES);
  });

  for (const name of quickTables) {
    const table = TABLES[name] as TableSchema<unknown>;
    const quick = table.quick as (cells: RowCells) => unknown;

    it(`${table.file}: accepts exactly the rows zod accepts, as the same domain row, and leaves the others untouched`, () => {
      // The tiny example's rows, as the writer puts them: every column given somewhere.
      const validRows = tiny[name].map((row) => table.cells(row));
      let accepted = 0;
      for (let seed = 1; seed <= 8_000; seed++) {
        const cells = randomCells(table.columns, validRows[seed % validRows.length], seed);
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
