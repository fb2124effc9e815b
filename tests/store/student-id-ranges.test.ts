import { describe, expect, it } from "vitest";
import type { Student } from "../../src/domain/problem.ts";
import { increasingIdRange, rangesApart } from "../../src/store/student-id-ranges.ts";

const students = (...ids: string[]): Student[] =>
  ids.map((studentId) => ({ schoolId: "S", studentId, grade: 9, iep: false }));

describe("a proof that no student ID is in two schools, without looking each up", () => {
  it("gives a school's first and last ID when its IDs rise from one to the next, in the order strings compare", () => {
    expect(increasingIdRange(students("1000000001", "1000000002", "1000000010"))).toEqual(["1000000001", "1000000010"]);
    expect(increasingIdRange(students("O'Hara", "Zoë", "🦉"))).toEqual(["O'Hara", "🦉"]);
    expect(increasingIdRange(students("S-1"))).toEqual(["S-1", "S-1"]);
  });

  it("gives nothing for a school whose IDs do not rise (one repeated, or out of order), or that has no students", () => {
    expect(increasingIdRange(students("A", "B", "B"))).toBeUndefined();
    expect(increasingIdRange(students("A", "C", "B"))).toBeUndefined();
    // "10" comes before "9" as strings compare: numbers that rise are not IDs that do.
    expect(increasingIdRange(students("9", "10"))).toBeUndefined();
    expect(increasingIdRange([])).toBeUndefined();
  });

  it("holds only when no two schools' ranges meet, whatever order the schools come in", () => {
    expect(
      rangesApart([
        ["200", "299"],
        ["100", "199"],
        ["300", "300"],
      ]),
    ).toBe(true);
    expect(rangesApart([])).toBe(true);
    // One ID at the end of one range and the start of the next: may be in both schools.
    expect(
      rangesApart([
        ["100", "200"],
        ["200", "299"],
      ]),
    ).toBe(false);
    // Ranges that overlap hold no shared ID here, but nothing says so without looking.
    expect(
      rangesApart([
        ["100", "300"],
        ["200", "250"],
      ]),
    ).toBe(false);
    expect(
      rangesApart([
        ["A", "C"],
        ["B", "D"],
      ]),
    ).toBe(false);
  });
});
