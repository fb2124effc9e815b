import { describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import { keptPlacements } from "../../src/enroll/kept-placements.ts";
import { pinnableEnrollments } from "../../src/enroll/pinnable-enrollments.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "../solver/as-problem.ts";

const options = { seed: 1, quality: "quick" as const };

/** The school after a few leave and a few arrive (copies of other students' requests). */
function lateChanges(school: SchoolProblem): SchoolProblem {
  const leavers = new Set(
    school.students
      .filter((_, i) => i % 37 === 3)
      .slice(0, 5)
      .map((s) => s.studentId),
  );
  const models = school.students.filter((_, i) => i % 41 === 5).slice(0, 8);
  const lateId = (k: number) => `LATE-${k}`;
  return {
    ...school,
    students: [
      ...school.students.filter((s) => !leavers.has(s.studentId)),
      ...models.map((s, k) => ({ ...s, studentId: lateId(k) })),
    ],
    requests: [
      ...school.requests.filter((r) => !leavers.has(r.studentId)),
      ...models.flatMap((s, k) =>
        school.requests.filter((r) => r.studentId === s.studentId).map((r) => ({ ...r, studentId: lateId(k) })),
      ),
    ],
    avoid: school.avoid.filter((a) => !leavers.has(a.studentId) && !leavers.has(a.otherStudentId)),
  };
}

/** Every section's capacity cut to the seats the live roster fills in it (plus `extra` for some). */
function fullSections(school: SchoolProblem, live: SchoolRoster, extra: Record<string, number> = {}): SchoolProblem {
  const seated = new Map<string, number>();
  for (const e of live.enrollments) seated.set(e.sectionId, (seated.get(e.sectionId) ?? 0) + 1);
  return {
    ...school,
    sections: school.sections.map((s) => ({
      ...s,
      capacity: (seated.get(s.sectionId) ?? 0) + (extra[s.sectionId] ?? 0),
    })),
  };
}

describe("an incremental run solves only the students it places", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`meets exactly as many primary requests as re-solving the whole school with every kept seat pinned (tiny preset, seed ${seed})`, async () => {
      const school = generatePreset("tiny", seed);
      const live = (await solveSchool(school, { ...options, seed })).roster;
      const changed = lateChanges(school);
      const outcome = await incrementalSchedule(changed, live, { ...options, seed });
      const placements = keptPlacements(changed, live);
      const whole = await solveSchool(
        changed,
        { ...options, seed },
        { placements: placements, fixed: pinnableEnrollments(changed, live, placements).pinned },
      );
      expect(outcome.roster.unscheduled.length).toBe(whole.roster.unscheduled.length);
      expect(outcome.roster.enrollments.length).toBe(whole.roster.enrollments.length);
      expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
    });
  }

  it("counts the seats the rest of the school holds against every section's capacity, and says no_seat", async () => {
    const school = generatePreset("tiny", 1);
    const live = (await solveSchool(school, options)).roster;
    const model = school.students.find((s) => live.enrollments.some((e) => e.studentId === s.studentId))!;
    const full = fullSections(school, live);
    const changed: SchoolProblem = {
      ...full,
      students: [...full.students, { ...model, studentId: "LATE" }],
      requests: [
        ...full.requests,
        ...full.requests.filter((r) => r.studentId === model.studentId).map((r) => ({ ...r, studentId: "LATE" })),
      ],
    };
    const outcome = await incrementalSchedule(changed, live, options);
    expect(outcome.roster.enrollments.filter((e) => e.studentId === "LATE")).toEqual([]);
    const late = outcome.roster.unscheduled.filter((u) => u.studentId === "LATE");
    expect(late.length).toBeGreaterThan(0);
    expect(new Set(late.map((u) => u.reason))).toEqual(new Set(["no_seat"]));
    expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
  });

  it("keeps a late student apart from an avoid partner it does not re-solve", async () => {
    const school = generatePreset("tiny", 1);
    const live = (await solveSchool(school, options)).roster;
    const seat = live.enrollments[0]!;
    const partner = school.students.find((s) => s.studentId === seat.studentId)!;
    const courseId = school.sections.find((s) => s.sectionId === seat.sectionId)!.courseId;
    // Every section is full except the partner's, which has one seat left.
    const full = fullSections(school, live, { [seat.sectionId]: 1 });
    const late = { ...partner, studentId: "LATE" };
    const request = {
      ...school.requests.find((r) => r.studentId === partner.studentId && r.courseId === courseId)!,
      studentId: "LATE",
      alternateFor: undefined,
    };
    const withLate: SchoolProblem = {
      ...full,
      students: [...full.students, late],
      requests: [...full.requests, request],
    };

    const free = await incrementalSchedule(withLate, live, options);
    expect(free.roster.enrollments.filter((e) => e.studentId === "LATE")).toEqual([
      { studentId: "LATE", sectionId: seat.sectionId },
    ]);

    const apart: SchoolProblem = {
      ...withLate,
      avoid: [
        ...withLate.avoid,
        { schoolId: school.school.schoolId, studentId: "LATE", otherStudentId: partner.studentId },
      ],
    };
    const kept = await incrementalSchedule(apart, live, options);
    expect(kept.roster.enrollments.filter((e) => e.studentId === "LATE")).toEqual([]);
    expect(kept.roster.unscheduled.filter((u) => u.studentId === "LATE").map((u) => u.reason)).toEqual([
      "avoid_conflict",
    ]);
    expect(kept.moved).toEqual([]);
    expect(validateRoster(asProblem(apart), [kept.roster])).toEqual([]);
  });

  it("reports bounds for the whole school, not only the part it solved", async () => {
    const school = generatePreset("tiny", 2);
    const live = (await solveSchool(school, options)).roster;
    const changed = lateChanges(school);
    const outcome = await incrementalSchedule(changed, live, options);
    const primaries = new Set(
      changed.requests.filter((r) => r.alternateFor === undefined).map((r) => `${r.studentId}|${r.courseId}`),
    ).size;
    const met = primaries - outcome.roster.unscheduled.length;
    expect(outcome.bounds.best).toBeGreaterThanOrEqual(met);
    expect(outcome.bounds.best).toBeLessThanOrEqual(primaries);
  });
});
