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

  it("gives the event loop turns while it splits a district-sized problem listed in no order of schools", async () => {
    const schools = [
      renamedSchool(generatePreset("tiny", 1), "MS-1", "1:"),
      renamedSchool(generatePreset("tiny", 2), "MS-2", "2:"),
    ];
    // A million and a half requests, the two schools' one after the other: no block of one
    // school's rows to copy at once, and far more than one turn's work on any machine.
    const requests: CourseRequest[] = Array.from({ length: 1_500_000 }, (_, i) => {
      const school = schools[i % 2]!;
      return { ...school.requests[(i >> 1) % school.requests.length]! };
    });
    const district = joinSchools(schools);
    district.requests = requests;
    let turns = 0;
    let done = false;
    const count = () => {
      turns++;
      if (!done) setImmediate(count);
    };
    setImmediate(count);
    const grouped = await groupBySchoolInTurns(district);
    done = true;
    expect(grouped.map((s) => s.requests.length)).toEqual([750_000, 750_000]);
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it("keeps each school's rows in input order when a file lists a school's rows in several blocks", async () => {
    const [a, b] = [
      renamedSchool(generatePreset("tiny", 1), "MS-1", "1:"),
      renamedSchool(generatePreset("tiny", 2), "MS-2", "2:"),
    ];
    const district = joinSchools([a!, b!]);
    const half = (rows: CourseRequest[]) => [rows.slice(0, rows.length >> 1), rows.slice(rows.length >> 1)];
    const [a1, a2] = half(a!.requests);
    const [b1, b2] = half(b!.requests);
    district.requests = [...a1!, ...b1!, ...a2!, ...b2!];
    const grouped = await groupBySchoolInTurns(district);
    expect(grouped.map((s) => s.requests)).toEqual([a!.requests, b!.requests]);
    expect(grouped).toEqual(groupBySchool(district));
  });
});
