import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32Combine, crc32Shift } from "../../src/api/crc32-combine.ts";
import { gzipOfParts, partBytesDeflated } from "../../src/api/roster-gzip.ts";
import { enrollmentsJson } from "../../src/api/roster-json.ts";
import type { Enrollment } from "../../src/domain/roster.ts";
import { compareEnrollments } from "../../src/domain/roster-order.ts";
import { createRandom } from "../../fixtures/random.ts";
import { randomSchoolSeats, randomSeats } from "./support/random-seats.ts";

describe("a roster's gzip, made from pieces deflated once", () => {
  const random = createRandom(16);
  const seatsOf = (studentId: string, n: number) => randomSeats(random, studentId, n);
  const school = randomSchoolSeats(random, 1500);
  const head = (text: string) => Buffer.from(text);
  const partsOf = (seats: readonly Enrollment[], headText = '{"schoolId":"B-O\'Brien-李","enrollments":') => [
    head(headText),
    ...enrollmentsJson(seats),
    Buffer.from("}"),
  ];

  it("inflates to exactly the parts' bytes, Unicode and apostrophes included, and to the empty string", async () => {
    const odd: Enrollment[] = [
      { studentId: 'O\'Brien "Q"', sectionId: "李-1" },
      { studentId: "Nguyễn\u2028", sectionId: "😀\\" },
    ];
    for (const parts of [partsOf(school), partsOf(odd, '{"schoolId":"Zoë’s","enrollments":'), [], [Buffer.alloc(0)]]) {
      const gzip = await gzipOfParts(parts);
      expect(gunzipSync(gzip).equals(Buffer.concat(parts))).toBe(true);
      // Twice: the second time from the kept pieces only.
      expect((await gzipOfParts(parts)).equals(gzip)).toBe(true);
    }
  });

  it("deflates again only the pieces a placement changed, and stays exact", async () => {
    let roster = school;
    await gzipOfParts(partsOf(roster));
    for (let step = 0; step < 20; step++) {
      // A newcomer's seats merged in; everyone else keeps the same seat objects (and pieces).
      const newcomer = seatsOf(`LATE-${step}`, random.int(1, 8));
      roster = [...roster, ...newcomer].sort(compareEnrollments);
      const parts = partsOf(roster);
      const before = partBytesDeflated();
      const gzip = await gzipOfParts(parts);
      const deflated = partBytesDeflated() - before;
      expect(gunzipSync(gzip).equals(Buffer.concat(parts))).toBe(true);
      // The newcomer's piece (at most ~4096 seats when unlucky, ~32 students usually): not the roster.
      const biggestPiece = Math.max(...parts.map((p) => p.length));
      expect(deflated).toBeGreaterThan(0);
      expect(deflated).toBeLessThanOrEqual(biggestPiece);
      expect(deflated).toBeLessThan(Buffer.concat(parts).length / 10);
    }
  });

  it("gives the loop a turn while a new roster's pieces are deflated, and deflates pieces two answers share once", async () => {
    const fresh = school.map((e) => ({ ...e }));
    const before = partBytesDeflated();
    const parts = partsOf(fresh);
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    const [a, b] = await Promise.all([gzipOfParts(parts), gzipOfParts(partsOf(fresh, '{"other":1,"enrollments":'))]);
    expect(loopTurned).toBe(true);
    expect(gunzipSync(a).equals(Buffer.concat(parts))).toBe(true);
    expect(gunzipSync(b).toString()).toMatch(/^\{"other":1,"enrollments":\[/);
    const seatBytes = Buffer.concat(enrollmentsJson(fresh)).length;
    expect(seatBytes).toBeGreaterThan(256 * 1024);
    expect(partBytesDeflated() - before).toBeLessThanOrEqual(seatBytes);
  });
});

describe("CRC-32 of two byte strings from the CRC of each", () => {
  it("is zlib's CRC of the two together, for any split", () => {
    const random = createRandom(32);
    const bytes = Buffer.from(Array.from({ length: 70_000 }, () => random.int(0, 255)));
    for (const cut of [0, 1, 7, 1000, 65_536, 69_999, 70_000]) {
      const a = bytes.subarray(0, cut);
      const b = bytes.subarray(cut);
      expect(crc32Combine(crc32(a), crc32(b), crc32Shift(b.length))).toBe(crc32(bytes));
    }
  });
});
