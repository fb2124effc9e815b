import { describe, expect, it } from "vitest";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { assertValidSchoolRoster, InvalidRosterError } from "../../src/run/invalid-roster.ts";
import { validateSchoolRoster } from "../../solver/check/validate-roster.ts";
import { tinyProblem, tinyRoster } from "../check/tiny-problem.ts";

describe("one school's roster is checked against its own problem before it is saved", () => {
  it("passes a roster that keeps every hard constraint", () => {
    const [school] = groupBySchool(tinyProblem());
    const [roster] = tinyRoster();
    expect(validateSchoolRoster(school!, roster!)).toEqual([]);
    expect(() => assertValidSchoolRoster(school!, roster!, "run 7")).not.toThrow();
  });

  it("refuses one that breaks a hard constraint, naming the school, the rule and the run", () => {
    const [school] = groupBySchool(tinyProblem());
    const [roster] = tinyRoster();
    // Student 100005 into MATH7-1 beside 100003, whom they must avoid: constraint 8.
    roster!.enrollments.push({ studentId: "100005", sectionId: "MATH7-1" });
    expect(() => assertValidSchoolRoster(school!, roster!, "run 7")).toThrow(InvalidRosterError);
    expect(() => assertValidSchoolRoster(school!, roster!, "run 7")).toThrow(
      /^run 7 breaks \d+ hard constraint\(s\) and was refused:\nMS-101: avoid-pair: /,
    );
  });
});
