import { describe, expect, it } from "vitest";
import { rowsInPositionOrder } from "../../src/store/rows-in-position-order.ts";

/** Rows of an ID and a position (the position last, as the students' read puts it). */
const rows = (...positions: unknown[]) => positions.map((position, i) => [`S${i}`, position]);

describe("rows read in key order, put in position order", () => {
  it("puts rows in the order of their positions, gaps and all", () => {
    const read = rows(7, 0, 3, 12, 1);
    expect(rowsInPositionOrder(read, 1).map((row) => row[1])).toEqual([0, 1, 3, 7, 12]);
    expect(rowsInPositionOrder(read, 1).map((row) => row[0])).toEqual(["S1", "S4", "S2", "S0", "S3"]);
  });

  it("never copies rows already in order", () => {
    const read = rows(0, 2, 5);
    expect(rowsInPositionOrder(read, 1)).toBe(read);
  });

  it("orders positions as numbers, whatever type the driver gave them", () => {
    expect(rowsInPositionOrder(rows(10n, 9n, "2"), 1).map((row) => row[0])).toEqual(["S2", "S1", "S0"]);
  });

  it("orders positions too large to pack with an index exactly", () => {
    const read = rows(2 ** 52, 1, 2 ** 51);
    expect(rowsInPositionOrder(read, 1).map((row) => row[0])).toEqual(["S1", "S2", "S0"]);
  });

  it("never loses or repeats a row of a large school read in another order", () => {
    const n = 5_000;
    const read = Array.from({ length: n }, (_, i) => [`S${i}`, (i * 7_919) % n]);
    const ordered = rowsInPositionOrder(read, 1);
    expect(ordered.map((row) => row[1])).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(new Set(ordered).size).toBe(n);
  });
});
