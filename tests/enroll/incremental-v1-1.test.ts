import { describe, expect, it } from "vitest";
import type { Enrollment } from "../../src/domain/roster.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import { pinnableEnrollments } from "../../src/enroll/pinnable-enrollments.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { buildThenLoad } from "../../solver/master-schedule/build-then-load.ts";
import { asProblem } from "../solver/as-problem.ts";
import { randomSchool } from "../solver/random-school.ts";
import { withV11 } from "../solver/v1-1-school.ts";
import { withLateStudent } from "./late-school.ts";

const seatsOf = (rows: Enrollment[], studentId: string): string[] =>
  rows
    .filter((e) => e.studentId === studentId)
    .map((e) => e.sectionId)
    .sort();

describe("late enrollments in schools with teams, double periods, links and lunch", () => {
  it("places late students without moving anyone and never breaks constraints 10-13", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const school = withV11(randomSchool(seed, { students: 90, periods: 6 }), seed);
      const options = { seed, quality: "quick" as const, maxMoves: 500 };
      const first = (await buildThenLoad(school, options)).roster;
      // Write the builder's placements into the problem: the live master schedule.
      const at = new Map(first.sections.map((p) => [p.sectionId, p]));
      const live = { ...school, sections: school.sections.map((s) => ({ ...s, ...at.get(s.sectionId) })) };
      const leaver = live.students.find(
        (s) => s.teamId !== undefined && seatsOf(first.enrollments, s.studentId).length >= 2,
      )!;
      const changed = withLateStudent(live, leaver.studentId, "LATE");
      const outcome = await incrementalSchedule(changed, first, options);
      expect(validateRoster(asProblem(changed), [outcome.roster]), `seed ${seed}`).toEqual([]);
      expect(outcome.moved).toEqual([]);
    }
  });

  it("releases a kept seat that a team, a link or lunch now forbids, saying why", async () => {
    const school = withV11(randomSchool(3, { students: 90, periods: 6 }), 3);
    const first = (await buildThenLoad(school, { seed: 3, quality: "quick" })).roster;
    const at = new Map(first.sections.map((p) => [p.sectionId, p]));
    const live = { ...school, sections: school.sections.map((s) => ({ ...s, ...at.get(s.sectionId) })) };
    const seat = first.enrollments.find(
      (e) => live.sections.find((s) => s.sectionId === e.sectionId)!.teamId === undefined,
    )!;
    const section = live.sections.find((s) => s.sectionId === seat.sectionId)!;
    const changed = { ...live, sections: live.sections.map((s) => (s === section ? { ...s, teamId: "Z" } : s)) };
    const { released } = pinnableEnrollments(changed, first, first.sections);
    expect(released.map((r) => r.reason)).toContain(`section ${section.sectionId} is for team Z`);
  });
});
