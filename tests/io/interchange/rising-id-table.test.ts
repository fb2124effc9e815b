import { describe, expect, it } from "vitest";
import type { Seen } from "../../../src/io/interchange/problem-index.ts";
import { risingIdTable } from "../../../src/io/interchange/rising-id-table.ts";

/** Sets each ID as a duplicate check does (get, then set when new) in a rising table and a Map; every answer compared. */
function sameAsMap(ids: readonly string[], asked: readonly string[]): void {
  const table = risingIdTable<Seen<string>>();
  const map = new Map<string, Seen<string>>();
  ids.forEach((id, line) => {
    expect(table.get(id)).toBe(map.get(id));
    if (map.get(id) === undefined) {
      const seen = { line, row: id };
      table.set(id, seen);
      map.set(id, seen);
    }
  });
  for (const id of asked) expect(table.get(id)).toBe(map.get(id));
}

describe("a table of IDs kept in order while they rise", () => {
  it("answers as a Map does for IDs in rising order, those asked for included or not", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(1_000_000 + 3 * i));
    sameAsMap(ids, [...ids, "0", "1000001", "999", "2000000", ""]);
  });

  it("answers as a Map does once an ID comes out of order, and finds a duplicate's first row", () => {
    const rising = Array.from({ length: 100 }, (_, i) => `S${String(i).padStart(4, "0")}`);
    sameAsMap([...rising, "S0050", "A1", "S0200", "S0007"], [...rising, "A1", "S0200", "Z"]);
  });

  it("finds a duplicate of the last ID, the first that does not rise", () => {
    sameAsMap(["a", "b", "b", "c"], ["a", "b", "c"]);
  });

  it("answers nothing when empty", () => {
    expect(risingIdTable().get("x")).toBeUndefined();
  });
});
