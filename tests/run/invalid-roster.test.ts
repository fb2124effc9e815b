import { describe, expect, it } from "vitest";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { assertValidRosters, assertValidSchoolRoster, InvalidRosterError } from "../../src/run/invalid-roster.ts";
import { tinyProblem, tinyRoster } from "../check/tiny-problem.ts";

/** What an assertion threw (or undefined), to compare two gates' refusals word for word. */
function refusal(assert: () => void): InvalidRosterError | undefined {
  try {
    assert();
    return undefined;
  } catch (error) {
    if (error instanceof InvalidRosterError) return error;
    throw error;
  }
}

describe("the gate of one school's roster (assertValidSchoolRoster)", () => {
  const school = () => groupBySchool(tinyProblem())[0]!;

  it("passes a valid roster", () => {
    expect(() => assertValidSchoolRoster(school(), tinyRoster()[0]!, "the run")).not.toThrow();
  });

  it("refuses a broken roster with the same violations and message as the district's gate", () => {
    const broken = tinyRoster()[0]!;
    // Student 100005 into MATH7-1 beside 100003, whom they must avoid; and a seat in no section.
    broken.enrollments.push({ studentId: "100005", sectionId: "MATH7-1" }, { studentId: "100001", sectionId: "NONE" });
    const one = refusal(() => assertValidSchoolRoster(school(), broken, "run 7"));
    const joined = refusal(() => assertValidRosters(joinSchools([school()]), [broken], "run 7"));
    expect(one).toBeInstanceOf(InvalidRosterError);
    expect(one!.violations.map((v) => v.constraint)).toEqual(expect.arrayContaining(["avoid-pair", "unknown-section"]));
    expect(one!.violations).toEqual(joined!.violations);
    expect(one!.message).toBe(joined!.message);
  });

  it("refuses a roster of another school as the district's gate does", () => {
    const other = { ...tinyRoster()[0]!, schoolId: "ELSEWHERE" };
    const one = refusal(() => assertValidSchoolRoster(school(), other));
    expect(one!.violations.map((v) => v.constraint)).toEqual(["unknown-school", "missing-roster"]);
    expect(one!.message).toBe(refusal(() => assertValidRosters(joinSchools([school()]), [other]))!.message);
  });
});
