import { describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import type { Enrollment } from "../../src/domain/roster.ts";
import { incrementalSchedule } from "../../src/enroll/incremental-schedule.ts";
import { keptPlacements } from "../../src/enroll/kept-placements.ts";
import { pinnableEnrollments } from "../../src/enroll/pinnable-enrollments.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { asProblem } from "../solver/as-problem.ts";
import { blockedSeatSchool, costlyMoveSchool } from "./blocked-seat-school.ts";
import { withLateStudent } from "./late-school.ts";

const options = { seed: 1, quality: "quick" as const, maxMoves: 2000 };
const school = generatePreset("tiny", 1);
const live = (await solveSchool(school, options)).roster;
const seatsOf = (rows: Enrollment[], studentId: string): string[] =>
  rows
    .filter((e) => e.studentId === studentId)
    .map((e) => e.sectionId)
    .sort();
// A placed student with several seats leaves; a newcomer with the same requests arrives.
const droppedId = school.students.find((s) => seatsOf(live.enrollments, s.studentId).length >= 3)!.studentId;
const lateId = "9999999999";
const changed = withLateStudent(school, droppedId, lateId);

const outcome = await incrementalSchedule(changed, live, { ...options, seed: 7 });

describe("incrementalSchedule without moves", () => {
  it("keeps every seat of every student present before and after", async () => {
    const stayed = changed.students.map((s) => s.studentId).filter((id) => id !== lateId);
    const lost = stayed.filter((id) => {
      const now = new Set(seatsOf(outcome.roster.enrollments, id));
      return seatsOf(live.enrollments, id).some((sectionId) => !now.has(sectionId));
    });
    expect(lost).toEqual([]);
    expect(outcome.moved).toEqual([]);
    expect(outcome.displaced).toEqual([]);
  });

  it("frees the dropped student's seats", async () => {
    expect(seatsOf(outcome.roster.enrollments, droppedId)).toEqual([]);
  });

  it("seats the late student at least where the leaver's freed seats allow", async () => {
    const late = seatsOf(outcome.roster.enrollments, lateId);
    expect(late.length).toBeGreaterThanOrEqual(seatsOf(live.enrollments, droppedId).length);
    expect(outcome.placedNew).toBeGreaterThanOrEqual(late.length);
  });

  it("keeps the live section placements", async () => {
    expect(outcome.roster.sections).toEqual(live.sections);
  });

  it("passes the independent validator", async () => {
    expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
  });

  it("does not pin a seat in a course the student no longer requests", async () => {
    const victim = school.students.find(
      (s) => s.studentId !== droppedId && seatsOf(live.enrollments, s.studentId).length >= 2,
    )!.studentId;
    const seat = live.enrollments.find((e) => e.studentId === victim)!;
    const courseId = school.sections.find((s) => s.sectionId === seat.sectionId)!.courseId;
    const withdrawn = {
      ...changed,
      requests: changed.requests.filter((r) => !(r.studentId === victim && r.courseId === courseId)),
    };
    const result = await incrementalSchedule(withdrawn, live, options);
    expect(seatsOf(result.roster.enrollments, victim)).not.toContain(seat.sectionId);
    expect(result.displaced).toEqual([
      expect.objectContaining({ studentId: victim, reason: `${seat.sectionId}: no longer requests ${courseId}` }),
    ]);
    expect(result.moved).toEqual([]);
    expect(validateRoster(asProblem(withdrawn), [result.roster])).toEqual([]);
  });

  it("releases the latest seats of a section whose capacity was cut, and reports those students as displaced", async () => {
    const counts = new Map<string, number>();
    for (const e of live.enrollments) counts.set(e.sectionId, (counts.get(e.sectionId) ?? 0) + 1);
    const [sectionId, held] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const cut = {
      ...changed,
      sections: changed.sections.map((s) => (s.sectionId === sectionId ? { ...s, capacity: held - 2 } : s)),
    };
    const result = await incrementalSchedule(cut, live, options);
    expect(result.roster.enrollments.filter((e) => e.sectionId === sectionId).length).toBeLessThanOrEqual(held - 2);
    const bumped = live.enrollments
      .filter((e) => e.sectionId === sectionId && e.studentId !== droppedId)
      .slice(held - 2)
      .map((e) => e.studentId);
    expect(result.displaced.map((d) => d.studentId).sort()).toEqual(bumped.sort());
    for (const d of result.displaced)
      expect(d.reason).toContain(`${sectionId}: section ${sectionId} now seats ${held - 2}`);
    expect(validateRoster(asProblem(cut), [result.roster])).toEqual([]);
  });

  it("takes a period the problem now gives over the live one, releasing that section's seats", async () => {
    const busy = new Set(live.sections.flatMap((p) => [`${p.teacherId}@${p.period}`, `${p.roomId}@${p.period}`]));
    const moves = school.sections.flatMap((s) =>
      Array.from({ length: school.school.periods }, (_, i) => ({ section: s, period: i + 1 })),
    );
    const { section, period } = moves.find(
      ({ section: s, period: p }) =>
        s.period !== p &&
        !s.locked &&
        !busy.has(`${s.teacherId}@${p}`) &&
        !busy.has(`${s.roomId}@${p}`) &&
        live.enrollments.some((e) => e.sectionId === s.sectionId && e.studentId !== droppedId),
    )!;
    const moved = {
      ...changed,
      sections: changed.sections.map((s) => (s.sectionId === section.sectionId ? { ...s, period } : s)),
    };
    const result = await incrementalSchedule(moved, live, options);
    expect(result.roster.sections.find((p) => p.sectionId === section.sectionId)!.period).toBe(period);
    const seated = live.enrollments
      .filter((e) => e.sectionId === section.sectionId && e.studentId !== droppedId)
      .map((e) => e.studentId);
    // Released, not pinned: the loader re-seats them, in this section at its new period or elsewhere.
    const { released } = pinnableEnrollments(moved, live, keptPlacements(moved, live));
    expect(released.map((r) => r.enrollment.studentId).sort()).toEqual([...seated].sort());
    for (const r of released) expect(r.reason).toBe(`section ${section.sectionId} now meets in period ${period}`);
    for (const d of result.displaced) expect(d.reason).toContain(`now meets in period ${period}`);
    expect(validateRoster(asProblem(moved), [result.roster])).toEqual([]);
  });

  it("releases the latest seats of a teacher whose student limit was cut", async () => {
    const load = new Map<string, number>();
    for (const e of live.enrollments) {
      const teacherId = live.sections.find((p) => p.sectionId === e.sectionId)!.teacherId!;
      if (e.studentId !== droppedId) load.set(teacherId, (load.get(teacherId) ?? 0) + 1);
    }
    const [teacherId, seats] = [...load].sort((a, b) => b[1] - a[1])[0]!;
    const limited = {
      ...changed,
      teachers: changed.teachers.map((t) => (t.teacherId === teacherId ? { ...t, maxStudents: seats - 3 } : t)),
    };
    const { released } = pinnableEnrollments(limited, live, keptPlacements(limited, live));
    expect(released.length).toBeGreaterThanOrEqual(3);
    for (const r of released) expect(r.reason).toBe(`teacher ${teacherId} now takes ${seats - 3} students`);
    const result = await incrementalSchedule(limited, live, options);
    expect(validateRoster(asProblem(limited), [result.roster])).toEqual([]);
  });

  it("releases a seat that a new avoid pair forbids, keeping the earlier of the two students", async () => {
    const stayers = (id: string) =>
      live.enrollments.filter((e) => e.sectionId === id && e.studentId !== droppedId).map((e) => e.studentId);
    const sectionId = school.sections.map((s) => s.sectionId).find((id) => stayers(id).length >= 2)!;
    const [first, second] = stayers(sectionId);
    const apart = {
      ...changed,
      avoid: [...changed.avoid, { schoolId: school.school.schoolId, studentId: second!, otherStudentId: first! }],
    };
    const result = await incrementalSchedule(apart, live, options);
    expect(seatsOf(result.roster.enrollments, first!)).toContain(sectionId);
    expect(seatsOf(result.roster.enrollments, second!)).not.toContain(sectionId);
    expect(result.displaced.map((d) => d.studentId)).toEqual([second]);
    expect(validateRoster(asProblem(apart), [result.roster])).toEqual([]);
  });
});

describe("incrementalSchedule with a move allowance", () => {
  it.each([1, 3, 10])(
    "moves at most %i placed students, reports each with a reason, and only to meet more requests",
    async (allowMoves) => {
      const pinnedRun = await incrementalSchedule(changed, live, options);
      const outcome = await incrementalSchedule(changed, live, { ...options, allowMoves });
      expect(outcome.moved.length).toBeLessThanOrEqual(allowMoves);
      const differing = changed.students
        .map((s) => s.studentId)
        .filter((id) => {
          if (id === lateId) return false;
          const now = new Set(seatsOf(outcome.roster.enrollments, id));
          return seatsOf(live.enrollments, id).some((sectionId) => !now.has(sectionId));
        });
      expect(outcome.moved.map((m) => m.studentId).sort()).toEqual(differing.sort());
      const courseOf = new Map(changed.sections.map((sec) => [sec.sectionId, sec.courseId]));
      const courses = (sections: string[]) => [...new Set(sections.map((id) => courseOf.get(id)))].sort();
      for (const m of outcome.moved) {
        // Each move its own explanation: the section left, who took the seat, where the student went.
        expect(m.reason).toMatch(/^made room in \S+ \(.+\) for .+; now in .+, keeping every course$/);
        const left = m.from.filter((id) => !m.to.includes(id));
        expect(left.every((id) => m.reason.includes(`made room in ${id} `))).toBe(true);
        // A move never costs the moved student a course they had.
        expect(courses(m.to)).toEqual(expect.arrayContaining(courses(m.from)));
        expect(m.from).toEqual(seatsOf(live.enrollments, m.studentId));
        expect(m.to).toEqual(seatsOf(outcome.roster.enrollments, m.studentId));
      }
      if (outcome.moved.length > 0)
        expect(outcome.roster.unscheduled.length).toBeLessThan(pinnedRun.roster.unscheduled.length);
      expect(validateRoster(asProblem(changed), [outcome.roster])).toEqual([]);
    },
  );
});

describe("incrementalSchedule where a move would cost the moved student a course", () => {
  const { problem, live: blockedLive } = costlyMoveSchool();

  it("does not move them, though the move would meet more requests of others", async () => {
    const outcome = await incrementalSchedule(problem, blockedLive, { ...options, allowMoves: 5 });
    expect(outcome.moved).toEqual([]);
    expect(seatsOf(outcome.roster.enrollments, "X")).toEqual(["C1", "E1"]);
    expect(outcome.roster.unscheduled.map((u) => u.studentId).sort()).toEqual(["L1", "L2"]);
    expect(validateRoster(asProblem(problem), [outcome.roster])).toEqual([]);
  });
});

describe("incrementalSchedule where one move lets a late student in", () => {
  const { problem, live: blockedLive } = blockedSeatSchool();

  it("leaves the placed student alone and reports the unmet request when no move is allowed", async () => {
    const outcome = await incrementalSchedule(problem, blockedLive, options);
    expect(seatsOf(outcome.roster.enrollments, "X")).toEqual(["C1"]);
    expect(outcome.roster.unscheduled.map((u) => u.studentId)).toEqual(["L"]);
    expect(outcome.moved).toEqual([]);
  });

  it("moves the one blocking student when allowed one move, and says why", async () => {
    const outcome = await incrementalSchedule(problem, blockedLive, { ...options, allowMoves: 1 });
    expect(outcome.moved).toEqual([
      {
        studentId: "X",
        from: ["C1"],
        to: ["C2"],
        reason: "made room in C1 (C) for L; now in C2, keeping every course",
      },
    ]);
    expect(seatsOf(outcome.roster.enrollments, "L")).toEqual(["C1", "D1"]);
    expect(outcome.roster.unscheduled).toEqual([]);
    expect(validateRoster(asProblem(problem), [outcome.roster])).toEqual([]);
  });
});
