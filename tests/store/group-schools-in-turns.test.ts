import { describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { renamedSchool } from "../../fixtures/renamed-school.ts";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { CourseRequest } from "../../src/domain/problem.ts";
import { groupBySchoolInTurns } from "../../src/store/group-schools-in-turns.ts";

describe("an import splits a district school by school without holding the event loop", () => {
  it("gives the same schools, rows and order as groupBySchool", async () => {
    const district = joinSchools([
      renamedSchool(generatePreset("tiny", 1), "MS-1", "1:"),
      renamedSchool(generatePreset("tiny", 2), "MS-2", "2:"),
    ]);
    expect(await groupBySchoolInTurns(district)).toEqual(groupBySchool(district));
  });

  it("gives the event loop turns while it splits a district-sized problem", async () => {
    const school = renamedSchool(generatePreset("tiny", 1), "MS-1", "1:");
    // A million and a half requests: far more than one turn's work on any machine.
    const requests: CourseRequest[] = Array.from({ length: 1_500_000 }, (_, i) => ({
      ...school.requests[i % school.requests.length]!,
    }));
    const district = joinSchools([{ ...school, requests }]);
    let turns = 0;
    let done = false;
    const count = () => {
      turns++;
      if (!done) setImmediate(count);
    };
    setImmediate(count);
    const [grouped] = await groupBySchoolInTurns(district);
    done = true;
    expect(grouped!.requests.length).toBe(requests.length);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
