import { describe, expect, it } from "vitest";
import type { Enrollment } from "../../src/domain/roster.ts";
import { compareEnrollments } from "../../src/domain/roster-order.ts";
import { enrollmentsJson } from "../../src/api/roster-json.ts";
import { createRandom } from "../../fixtures/random.ts";
import { randomSchoolSeats, randomSeats } from "./support/random-seats.ts";

/** The pieces' bytes put together, as text. */
const text = (seats: readonly Enrollment[]) => Buffer.concat(enrollmentsJson(seats)).toString("utf8");

/** What the answer held before pieces: every seat serialized afresh. */
const plain = (seats: readonly Enrollment[]) =>
  JSON.stringify(seats.map((e) => ({ studentId: e.studentId, sectionId: e.sectionId })));

describe("a roster's seats as JSON, from pieces kept across rosters", () => {
  const random = createRandom(5);
  const seatsOf = (studentId: string, n: number) => randomSeats(random, studentId, n);
  const school = randomSchoolSeats(random, 800);

  it("is JSON.stringify's text, for a school, none and one seat", () => {
    expect(text(school)).toBe(plain(school));
    expect(text([])).toBe("[]");
    expect(text(school.slice(0, 1))).toBe(plain(school.slice(0, 1)));
  });

  it("stays exact as rosters sharing seat objects follow each other: students enrolled, dropped, re-seated", () => {
    let roster = school;
    for (let step = 0; step < 60; step++) {
      const roll = random.next();
      if (roll < 0.4) {
        // A newcomer: their seats merged in, everyone else's the same objects.
        roster = [...roster, ...seatsOf(`LATE-${step}`, random.int(1, 8))].sort(compareEnrollments);
      } else if (roll < 0.7) {
        const gone = roster[random.int(0, roster.length - 1)]!.studentId;
        roster = roster.filter((e) => e.studentId !== gone);
      } else {
        // One student's seats replaced by new objects (an incremental run's answer), one changed.
        const moved = roster[random.int(0, roster.length - 1)]!.studentId;
        roster = roster.map((e) => (e.studentId === moved ? { ...e, sectionId: `${e.sectionId}'` } : e));
      }
      expect(text(roster)).toBe(plain(roster));
    }
  });

  it("cuts a student with more seats than a piece holds and any Unicode in IDs", () => {
    const many = seatsOf("BIG", 9000);
    expect(text(many)).toBe(plain(many));
    const odd = [
      { studentId: 'O\'Brien "quoted"', sectionId: "李-1" },
      { studentId: "Nguyễn\u2028", sectionId: "😀\\" },
    ];
    expect(text(odd)).toBe(plain(odd));
    // The same objects again, in a longer list: kept pieces are reused only when whole.
    expect(text([...odd, { studentId: "Z", sectionId: "z" }])).toBe(
      plain([...odd, { studentId: "Z", sectionId: "z" }]),
    );
  });
});
