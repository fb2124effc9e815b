import { describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { Enrollment, SchoolRoster } from "../../src/domain/roster.ts";
import { withStudent, withoutStudent } from "../../src/domain/student-change.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import { keptPlacements } from "../../src/enroll/kept-placements.ts";
import { pinnableEnrollments } from "../../src/enroll/pinnable-enrollments.ts";
import { studentsToPlace, TRIES_PER_FREED_SEAT } from "../../src/enroll/students-to-place.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "../solver/as-problem.ts";
import { WAITING, waitingSchool, withRequests, without } from "./waiting-school.ts";

const options = { seed: 1, quality: "quick" as const };
const seatsOf = (rows: readonly Enrollment[], studentId: string): string[] =>
  rows
    .filter((e) => e.studentId === studentId)
    .map((e) => e.sectionId)
    .sort();
/** Who an incremental run of `problem` from `live` works on, given who changed. */
const toPlace = (problem: SchoolProblem, live: SchoolRoster, changed?: string[]) => {
  const seats = pinnableEnrollments(problem, live, keptPlacements(problem, live));
  return [...studentsToPlace(problem, live, seats, undefined, changed && new Set(changed)).toPlace].sort();
};

describe("an incremental run told which students changed since the live roster", () => {
  const { problem: school, live } = waitingSchool();

  it("works on the late student alone: the students the live roster left waiting keep its verdict", async () => {
    const late = withRequests(school, "L", ["D"]);
    expect(toPlace(late, live, ["L"])).toEqual(["L"]);
    // Told nothing, it tries every student left unmet again.
    expect(toPlace(late, live)).toEqual(["L", ...WAITING]);

    const outcome = await incrementalSchedule(late, live, { ...options, changedStudents: ["L"] });
    expect(seatsOf(outcome.roster.enrollments, "L")).toEqual(["D1"]);
    expect(outcome.touched).toEqual(["L"]);
    expect(outcome.roster.unscheduled).toEqual(expect.arrayContaining(live.unscheduled));
    expect(outcome.roster.unscheduled).toHaveLength(live.unscheduled.length);
    expect(validateRoster(asProblem(late), [outcome.roster])).toEqual([]);
  });

  it("tries the waiting students again for the seat a leaver frees, most important request first, a few per seat", async () => {
    const left = without(school, "X");
    // W6's request for C is priority 1; the others keep the school's order.
    expect(toPlace(left, live, ["X"])).toEqual(["W1", "W2", "W3", "W6"]);
    expect(TRIES_PER_FREED_SEAT).toBe(4);

    const outcome = await incrementalSchedule(left, live, { ...options, changedStudents: ["X"] });
    const seated = WAITING.filter((id) => seatsOf(outcome.roster.enrollments, id).includes("C1"));
    expect(seated).toHaveLength(1);
    expect(["W1", "W2", "W3", "W6"]).toContain(seated[0]);
    for (const id of WAITING) expect(seatsOf(outcome.roster.enrollments, id)).toContain("D1");
    expect(outcome.moved).toEqual([]);
    expect(validateRoster(asProblem(left), [outcome.roster])).toEqual([]);
  });

  it("seats a changed student's new request, keeping the seats they had", async () => {
    const changed = withRequests(school, "W2", ["C", "D", "E"]);
    expect(toPlace(changed, live, ["W2"])).toEqual(["W2"]);
    const outcome = await incrementalSchedule(changed, live, { ...options, changedStudents: ["W2"] });
    expect(seatsOf(outcome.roster.enrollments, "W2")).toEqual(["D1", "E1"]);
    expect(outcome.touched).toEqual(["W2"]);
    expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
  });

  it("drops the live roster's unmet row of a request its student withdrew", async () => {
    const changed = withRequests(school, "W2", ["D"]);
    const outcome = await incrementalSchedule(changed, live, { ...options, changedStudents: ["W2"] });
    expect(outcome.roster.unscheduled.map((u) => u.studentId)).toEqual(WAITING.filter((id) => id !== "W2"));
    expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
  });

  it("frees the seats of a changed student's withdrawn request for those waiting for them", () => {
    // X no longer wants C: C1's seat is free, as if X had left.
    const changed = withRequests(school, "X", ["D"]);
    expect(toPlace(changed, live, ["X"])).toEqual(["W1", "W2", "W3", "W6", "X"]);
  });

  it("tries an unchanged student whose unmet request the live roster does not list: it has no verdict to keep", () => {
    const unlisted = { ...live, unscheduled: live.unscheduled.filter((u) => u.studentId !== "W4") };
    expect(toPlace(withRequests(school, "L", ["D"]), unlisted, ["L"])).toEqual(["L", "W4"]);
  });

  it("places a stream of late students and leavers one change at a time, moving nobody and keeping every roster valid", async () => {
    const tiny = generatePreset("tiny", 1);
    let problem = tiny;
    let roster = (await solveSchool(problem, options)).roster;
    const models = tiny.students.filter((_, i) => i % 17 === 2).slice(0, 8);
    const leavers = tiny.students.filter((s) => roster.enrollments.some((e) => e.studentId === s.studentId));
    for (const [k, model] of models.entries()) {
      const changes: SchoolProblem[] = [];
      const lateId = `LATE-${k}`;
      const requests = tiny.requests
        .filter((r) => r.studentId === model.studentId)
        .map((r) => ({ ...r, studentId: lateId }));
      changes.push(withStudent(problem, { ...model, studentId: lateId }, requests));
      const leaver = leavers[3 * k]!.studentId;
      changes.push(withoutStudent(changes[0]!, leaver));
      for (const [changedStudents, next] of [
        [[lateId], changes[0]!],
        [[leaver], changes[1]!],
      ] as const) {
        const outcome = await incrementalSchedule(next, roster, { ...options, changedStudents: [...changedStudents] });
        expect(outcome.moved).toEqual([]);
        expect(outcome.displaced).toEqual([]);
        for (const s of next.students) {
          const now = new Set(seatsOf(outcome.roster.enrollments, s.studentId));
          expect(seatsOf(roster.enrollments, s.studentId).filter((id) => !now.has(id))).toEqual([]);
        }
        expect(validateRoster(asProblem(next), [outcome.roster])).toEqual([]);
        problem = next;
        roster = outcome.roster;
      }
    }
  });
});
