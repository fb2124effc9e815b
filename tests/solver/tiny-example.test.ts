import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { readProblem } from "../../src/io/interchange/read-problem.ts";

const tinyDir = fileURLToPath(new URL("../../fixtures/examples/tiny/", import.meta.url));

describe("the hand-written tiny example", () => {
  it("seats the locked student only in ELA6-1, keeps the avoid pair apart and explains every unmet request", async () => {
    const { problem } = await readProblem(tinyDir);
    const [school] = groupBySchool(problem);
    const { roster, bounds } = await solveSchool(school, { seed: 1, quality: "full", maxMoves: 500 });
    expect(validateRoster(problem, [roster])).toEqual([]);
    // ELA6-1 and MATH6's only section both meet in period 1: 100002 gets one of the two.
    const ela6 = roster.enrollments.filter((e) => e.studentId === "100002" && e.sectionId.startsWith("ELA6"));
    if (ela6.length > 0) expect(ela6).toEqual([{ studentId: "100002", sectionId: "ELA6-1" }]);
    else
      expect(roster.unscheduled).toContainEqual({
        studentId: "100002",
        courseId: "ELA6",
        priority: 1,
        reason: "locked_section_unavailable",
      });
    const sectionsOf = (id: string) =>
      new Set(roster.enrollments.filter((e) => e.studentId === id).map((e) => e.sectionId));
    const shared = [...sectionsOf("100003")].filter((s) => sectionsOf("100005").has(s));
    expect(shared).toEqual([]);
    expect(roster.unscheduled.length).toBeGreaterThan(0);
    for (const row of roster.unscheduled) expect(row.reason).not.toBe("traded_for_higher_priority");
    const primaries = school.requests.filter((r) => r.alternateFor === undefined).length;
    expect(primaries - roster.unscheduled.length).toBeLessThanOrEqual(bounds.best);
  });
});
