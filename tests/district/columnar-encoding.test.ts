import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import {
  decodeColumnar,
  decodeColumnarInTurns,
  encodeColumnar,
  encodeColumnarInTurns,
  ROWS_PER_PAUSE,
} from "../../src/district/columnar-encoding.ts";
import { turnClock, type TurnClock } from "../../src/store/index.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { smallSchools } from "./support/small-district.ts";

/** What v8's own round trip gives: the reference every encoding must match. */
const viaV8 = (value: unknown) => v8.deserialize(v8.serialize(value)) as unknown;

describe("the columnar encoding of what crosses to a pool worker", () => {
  it("gives back a school's problem exactly as v8 does, field for field, in fewer bytes", () => {
    const [school] = smallSchools(400, 1) as [SchoolProblem];
    const bytes = encodeColumnar(school);
    expect(decodeColumnar(bytes)).toStrictEqual(viaV8(school));
    expect(bytes.byteLength).toBeLessThan(v8.serialize(school).byteLength);
  });

  it("keeps an absent field absent and an undefined one undefined, null, booleans, -0 and every kind of string", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `s-${i}`,
      ...(i % 3 === 0 ? { note: undefined } : {}),
      ...(i % 5 === 0 ? {} : { name: ["O'Brien", "Zoë", "李小龙", "🙂 emoji", "lone \ud800 surrogate", ""][i % 6] }),
      flag: i % 2 === 0,
      score: i === 7 ? -0 : i === 8 ? Number.NaN : i * 1.5,
      missing: i === 9 ? null : 1,
      terms: i % 4 === 0 ? [] : ["S1", "S2"],
      periods: [i, i + 1],
    }));
    const decoded = decodeColumnar<{ rows: typeof rows }>(encodeColumnar({ rows }));
    expect(decoded).toStrictEqual({ rows: viaV8(rows) });
    expect(Object.is(decoded.rows[7]!.score, -0)).toBe(true);
    expect("note" in decoded.rows[1]!).toBe(false);
    expect("note" in decoded.rows[0]!).toBe(true);
    expect(decoded.rows.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)));
  });

  it("leaves to v8 what is not a table: Maps, typed arrays, dates, nested objects in cells, rows whose fields come in another order", () => {
    const value = {
      map: new Map([["a", 1]]),
      counts: new Int32Array([1, 2, 3]),
      when: new Date(0),
      cells: Array.from({ length: 20 }, (_, i) => ({ id: i, detail: { nested: [i, { deep: "x" }] }, mixed: [1, "a"] })),
      reordered: Array.from({ length: 20 }, (_, i) => (i === 10 ? { b: 2, a: 1 } : { a: 1, b: 2 })),
      short: [{ a: 1 }],
    };
    const decoded = decodeColumnar<typeof value>(encodeColumnar(value));
    expect(decoded).toStrictEqual(viaV8(value));
    expect(Object.keys(decoded.reordered[10]!)).toEqual(["b", "a"]);
  });

  it("reads a buffer that does not start at an 8-byte boundary", () => {
    const [school] = smallSchools(100, 2) as [SchoolProblem];
    const bytes = encodeColumnar(school);
    const shifted = new Uint8Array(bytes.byteLength + 3).subarray(3);
    shifted.set(bytes);
    expect(decodeColumnar(shifted)).toStrictEqual(viaV8(school));
  });

  describe("in turns, on the thread that answers requests", () => {
    /** A clock due at every pause, counting the turns it gives; `others` counts what else the event loop ran meanwhile. */
    const everyPause = () => {
      const seen = { turns: 0, others: 0 };
      const clock: TurnClock = {
        due: () => true,
        turn: async () => {
          seen.turns++;
          // Work queued behind the encoding (a request's callback) runs in the turn.
          setImmediate(() => seen.others++);
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
      };
      return { clock, seen };
    };

    /** A table of five pauses' rows. */
    const table = () => ({
      rows: Array.from({ length: 5 * ROWS_PER_PAUSE }, (_, i) => ({ id: `row-${i}`, n: i, tags: ["a", `t${i % 7}`] })),
    });

    it("encodes to the same bytes as in one go, giving the event loop a turn at least every ROWS_PER_PAUSE rows of a table", async () => {
      const [school] = smallSchools(400, 1) as [SchoolProblem];
      const schoolBytes = await encodeColumnarInTurns(school, everyPause().clock);
      expect(Buffer.from(schoolBytes).equals(Buffer.from(encodeColumnar(school)))).toBe(true);
      const { clock, seen } = everyPause();
      const bytes = await encodeColumnarInTurns(table(), clock);
      expect(Buffer.from(bytes).equals(Buffer.from(encodeColumnar(table())))).toBe(true);
      // The pass that names the table's columns, and each of its three columns, pause every ROWS_PER_PAUSE rows.
      expect(seen.turns).toBeGreaterThanOrEqual(4 * 5);
      expect(seen.others).toBe(seen.turns);
    });

    it("decodes to the same value as in one go, giving the event loop turns, and never turns while the clock is not due", async () => {
      const [school] = smallSchools(400, 1) as [SchoolProblem];
      const schoolBytes = encodeColumnar(school);
      expect(await decodeColumnarInTurns(schoolBytes, everyPause().clock)).toStrictEqual(viaV8(school));
      const value = table();
      const bytes = encodeColumnar(value);
      const { clock, seen } = everyPause();
      expect(await decodeColumnarInTurns(bytes, clock)).toStrictEqual(viaV8(value));
      // Making the rows, then each of the three columns, pause every ROWS_PER_PAUSE rows.
      expect(seen.turns).toBeGreaterThanOrEqual(4 * 5);
      const never = turnClock(Infinity);
      const turn = never.turn;
      let turns = 0;
      never.turn = () => (turns++, turn());
      expect(await decodeColumnarInTurns(bytes, never)).toStrictEqual(viaV8(value));
      expect(turns).toBe(0);
    });
  });
});
