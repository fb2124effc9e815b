import { beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { ScenarioSection } from "../../src/domain/scenario.ts";
import { scheduleSchool } from "../../src/run/schedule-school.ts";
import { applyEdit, EditRefusedError, type ScenarioEdit } from "../../src/scenario/edits.ts";
import { periodCosts } from "../../src/scenario/period-costs.ts";
import { scheduleConflicts } from "../../src/scenario/schedule-conflicts.ts";
import { startingSections } from "../../src/scenario/scenario-problem.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";

let problem: SchoolProblem;
let sections: ScenarioSection[];

beforeAll(async () => {
  problem = generatePreset("tiny", 1);
  const { roster } = await scheduleSchool(problem, { seed: 1, quality: "quick", loader: "solver" });
  expect(validateRoster(joinSchools([problem]), [roster])).toEqual([]);
  sections = startingSections(problem, roster.sections);
});

const section = (id: string) => sections.find((s) => s.sectionId === id)!;

/** The reasons the edit is refused; fails the spec if it is allowed, or if the refusal changed the sections it was given. */
function refusal(edit: ScenarioEdit): string[] {
  const before = structuredClone(sections);
  try {
    applyEdit(problem, sections, edit);
  } catch (error) {
    expect(error).toBeInstanceOf(EditRefusedError);
    expect(sections).toEqual(before);
    return (error as EditRefusedError).reasons;
  }
  throw new Error(`the edit ${JSON.stringify(edit)} was allowed`);
}

/** A room with no section in `period`. */
function freeRoomAt(period: number): string {
  const taken = new Set(sections.filter((s) => s.period === period).map((s) => s.roomId));
  return problem.rooms.find((r) => !taken.has(r.roomId))!.roomId;
}

describe("scenario edits", () => {
  it("starts from a master schedule that breaks no hard constraint", () => {
    expect(scheduleConflicts(problem, sections)).toEqual([]);
  });

  it("refuses a move that puts a teacher in two sections at once, naming both", () => {
    const [a, b] = sections.filter((s) => s.teacherId === "E0000001" && s.coTeacherId === undefined);
    const reasons = refusal({
      kind: "move",
      sectionId: a!.sectionId,
      period: b!.period,
      roomId: freeRoomAt(b!.period!),
    });
    expect(reasons).toEqual([
      expect.stringMatching(new RegExp(`teacher E0000001 teaches sections .*(${a!.sectionId}|${b!.sectionId})`)),
    ]);
  });

  it("refuses a room given to two sections in one period", () => {
    const a = section("ENG 6-01");
    const other = sections.find((s) => s.period !== a.period && s.roomId !== a.roomId)!;
    const reasons = refusal({
      kind: "move",
      sectionId: a.sectionId,
      roomId: sections.find((s) => s.period === a.period && s.sectionId !== a.sectionId)!.roomId!,
    });
    expect(reasons.some((r) => r.startsWith("room "))).toBe(true);
    expect(other).toBeDefined();
  });

  it("refuses a period in which the teacher is unavailable", () => {
    const mine = sections.find((s) => s.teacherId === "E0000003" && s.period !== 1)!;
    expect(refusal({ kind: "move", sectionId: mine.sectionId, period: 1, roomId: freeRoomAt(1) }).join("\n")).toMatch(
      /E0000003.*unavailable in period 1/,
    );
  });

  it("refuses a teacher not qualified for the course", () => {
    const math = sections.find((s) => s.courseId.startsWith("MATH") && s.setting === "general")!;
    expect(refusal({ kind: "move", sectionId: math.sectionId, teacherId: "E0000009" }).join("\n")).toMatch(
      /teacher E0000009 was assigned to section .* but is qualified only for CS Discoveries/,
    );
  });

  it("refuses a special day class taught, or a co-taught class co-taught, by someone without special education", () => {
    expect(refusal({ kind: "move", sectionId: "ENG 8-SDC-1", teacherId: "E0000007" }).join("\n")).toMatch(
      /not a special education teacher/,
    );
    expect(refusal({ kind: "move", sectionId: "ENG 7-01", coTeacherId: "E0000007" }).join("\n")).toMatch(
      /not a special education teacher/,
    );
  });

  it("refuses to move, swap or close a locked section, but lets it be unlocked", () => {
    expect(section("MATH 8-SDC-1").locked).toBe(true);
    expect(refusal({ kind: "move", sectionId: "MATH 8-SDC-1", period: 2 })).toEqual([
      "section MATH 8-SDC-1 is locked: unlock it before you move it",
    ]);
    expect(refusal({ kind: "swap", sectionId: "ENG 6-01", otherSectionId: "MATH 8-SDC-1" })).toEqual([
      "section MATH 8-SDC-1 is locked: unlock it before you swap it",
    ]);
    expect(refusal({ kind: "close", sectionId: "MATH 8-SDC-1" })).toContain(
      "section MATH 8-SDC-1 is locked: unlock it before you close it",
    );
    const unlocked = applyEdit(problem, sections, { kind: "lock", sectionId: "MATH 8-SDC-1", locked: false });
    expect(unlocked.sections.find((s) => s.sectionId === "MATH 8-SDC-1")!.locked).toBe(false);
  });

  it("refuses to close a section a student's request is locked to", () => {
    const request = problem.requests.find((r) => r.lockedSectionId !== undefined)!;
    const target = section(request.lockedSectionId!);
    const unlocked = target.locked
      ? applyEdit(problem, sections, { kind: "lock", sectionId: target.sectionId, locked: false }).sections
      : sections;
    expect(() => applyEdit(problem, unlocked, { kind: "close", sectionId: target.sectionId })).toThrow(
      /is the locked section of 1 student request/,
    );
  });

  it("refuses a section more than a teacher's max_sections", () => {
    const mine = sections.filter((s) => s.teacherId === "E0000001" || s.coTeacherId === "E0000001");
    expect(mine.length).toBe(4);
    const free = [1, 2, 3, 4, 5].find((p) => !mine.some((s) => s.period === p))!;
    const reasons = refusal({
      kind: "add",
      section: {
        sectionId: "ENG 6-99",
        courseId: "ENG 6",
        capacity: 30,
        period: free ?? 1,
        teacherId: "E0000001",
        roomId: freeRoomAt(free ?? 1),
        setting: "general",
        locked: false,
      },
    });
    expect(reasons.join("\n")).toMatch(/E0000001 has 5 sections .* but max_sections is 4/);
  });

  it("adds, closes, swaps and changes capacity, leaving a valid master schedule, and says what each changed", () => {
    const teacher = problem.teachers.find((t) => t.teacherId === "E0000009")!;
    const busy = new Set(sections.filter((s) => s.teacherId === teacher.teacherId).map((s) => s.period));
    const period = [1, 2, 3, 4, 5].find((p) => !busy.has(p) && !teacher.unavailablePeriods.includes(p))!;
    const added = applyEdit(problem, sections, {
      kind: "add",
      section: {
        sectionId: "CS-NEW",
        courseId: teacher.qualifiedCourses[0]!,
        capacity: 20,
        period,
        teacherId: teacher.teacherId,
        roomId: freeRoomAt(period),
        setting: "general",
        locked: false,
      },
    });
    expect(added.before).toEqual([{ sectionId: "CS-NEW", section: null }]);
    const closed = applyEdit(problem, added.sections, { kind: "close", sectionId: "ENG 6-01" });
    expect(closed.sections.find((s) => s.sectionId === "ENG 6-01")!.closed).toBe(true);
    const capacity = applyEdit(problem, closed.sections, { kind: "capacity", sectionId: "CS-NEW", capacity: 25 });
    for (const step of [added, closed, capacity]) expect(scheduleConflicts(problem, step.sections)).toEqual([]);
    expect(refusal({ kind: "move", sectionId: "no such section", period: 1 })).toEqual([
      'the scenario has no section "no such section"',
    ]);
  });

  it("gives every period of a section: allowed (with a free room when its own is taken) or refused with the conflicts", () => {
    for (const s of sections.filter((x) => !x.locked)) {
      for (const cost of periodCosts(problem, sections, s.sectionId)) {
        const edit = {
          kind: "move" as const,
          sectionId: s.sectionId,
          period: cost.period,
          ...(cost.roomId ? { roomId: cost.roomId } : {}),
        };
        if (cost.current) continue;
        if (cost.allowed) expect(scheduleConflicts(problem, applyEdit(problem, sections, edit).sections)).toEqual([]);
        else expect(cost.conflicts.length).toBeGreaterThan(0);
      }
    }
  });
});
