import { describe, expect, it } from "vitest";
import { parseBoolean, parseGrade, parseWholeNumber, splitList } from "../../../src/io/interchange/schema/cells.ts";

describe("interchange cell parsing", () => {
  it("reads grades -1..12, TK and K, and nothing else", () => {
    expect(["TK", "k", "-1", "0", " 7 ", "+12"].map(parseGrade)).toEqual([-1, 0, -1, 0, 7, 12]);
    expect(["13", "-2", "7.0", "seven", "", "PK"].map(parseGrade)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("reads whole numbers within bounds only", () => {
    expect(parseWholeNumber("3", 1, 12)).toBe(3);
    expect(parseWholeNumber("0", 1, 12)).toBeUndefined();
    expect(parseWholeNumber("2.5", 0, 10)).toBeUndefined();
    expect(parseWholeNumber("1e3", 0, 10000)).toBeUndefined();
    expect(Object.is(parseWholeNumber("-0", 0, 10), 0)).toBe(true);
  });

  it("reads true/false, 1/0, yes/no in any case", () => {
    expect(["TRUE", "yes", "1", "False", "NO", "0"].map(parseBoolean)).toEqual([true, true, true, false, false, false]);
    expect(parseBoolean("y")).toBeUndefined();
  });

  it("splits ;-lists, trimming items and dropping empty ones", () => {
    expect(splitList(" S1 ;;S2; ")).toEqual(["S1", "S2"]);
    expect(splitList(";")).toEqual([]);
  });
});
