import { describe, expect, it } from "vitest";
import { compileInstance } from "../../solver/instance/compile-instance.ts";
import { REASON_NONE, reasonOfCode } from "../../solver/instance/reason-codes.ts";
import type { CourseRequest, SchoolProblem } from "../../src/domain/problem.ts";
import { instanceTransferList } from "../../solver/instance/instance.ts";
import { groupListsKey } from "../../solver/instance/group-lists-key.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import { randomSchool } from "./random-school.ts";

describe("compileInstance", () => {
  it("lets placements override a section's period and leaves unplaced sections unloadable", async () => {
    const school = randomSchool(31, { students: 40, periods: 5, semesters: false });
    const first = school.sections[0];
    const placements = [
      {
        sectionId: first.sectionId,
        period: first.period === 5 ? 1 : 5,
        teacherId: first.teacherId,
        roomId: first.roomId,
      },
      { sectionId: school.sections[1].sectionId, period: undefined },
    ];
    const inst = compileInstance(school, placements);
    expect(inst.secPeriod[0]).toBe(placements[0].period);
    expect(inst.secLoadable[1]).toBe(0);
    const { roster } = await solveSchool(school, { seed: 1, quality: "quick" }, { placements: placements });
    expect(roster.sections[1].period).toBeUndefined();
    expect(roster.enrollments.some((e) => e.sectionId === school.sections[1].sectionId)).toBe(false);
  });

  it("holds only typed arrays and string tables, so it survives a structured clone with its buffers transferred", async () => {
    const inst = compileInstance(randomSchool(32, { students: 30 }));
    const buffers = instanceTransferList(inst);
    expect(buffers.length).toBeGreaterThan(10);
    const copy = structuredClone(inst);
    expect(copy.reqElig).toEqual(inst.reqElig);
    const moved = structuredClone(inst, { transfer: buffers });
    expect(moved.nRequests).toBe(copy.nRequests);
    expect(inst.reqElig.length).toBe(0); // detached: the buffer moved
  });

  it("keeps pinned enrollments as they are", async () => {
    const school = randomSchool(33, { students: 60 });
    const first = await solveSchool(school, { seed: 1, quality: "quick" });
    const pinned = first.roster.enrollments.filter((_, k) => k % 3 === 0);
    const again = await solveSchool(school, { seed: 99, quality: "quick" }, { fixed: pinned });
    for (const e of pinned) expect(again.roster.enrollments).toContainEqual(e);
  });

  it("groups a primary with its alternates in file order, merges a repeated course and lets an alternate for a course not requested stand alone", async () => {
    const inst = compileInstance(
      smallSchool([
        { studentId: "a", courseId: "ART", priority: 2, alternateFor: "MATH" },
        { studentId: "a", courseId: "MATH", priority: 1 },
        { studentId: "a", courseId: "MUSIC", priority: 2, alternateFor: "MATH" },
        { studentId: "a", courseId: "MATH", priority: 3 },
        { studentId: "a", courseId: "DRAMA", priority: 3, alternateFor: "ELA" },
        { studentId: "b", courseId: "ELA", priority: 1 },
      ]),
    );
    const course = (r: number) => inst.courseIds[inst.reqCourse[r]];
    const groupsOf = (i: number) =>
      Array.from({ length: inst.studentGroupStart[i + 1] - inst.studentGroupStart[i] }, (_, k) => {
        const g = inst.studentGroupStart[i] + k;
        const courses = [];
        for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) courses.push(course(r));
        return { courses, primary: inst.groupPrimary[g] === 1, priority: inst.levelPriority[inst.groupLevel[g]] };
      });
    expect(groupsOf(0)).toEqual([
      { courses: ["MATH", "ART", "MUSIC"], primary: true, priority: 1 },
      { courses: ["DRAMA"], primary: false, priority: 3 },
    ]);
    expect(groupsOf(1)).toEqual([{ courses: ["ELA"], primary: true, priority: 1 }]);
    // An alternate is worth one unit less than its primary.
    const g = inst.studentGroupStart[0];
    expect(inst.reqValue[inst.groupReqStart[g] + 1]).toBe(inst.reqValue[inst.groupReqStart[g]] - 1);
  });

  it("opens to a request exactly the placed sections its grade, IEP status, required setting and lock allow", async () => {
    const school = smallSchool([
      { studentId: "a", courseId: "ELA", priority: 1 },
      { studentId: "i", courseId: "ELA", priority: 1 },
      { studentId: "i", courseId: "MATH", priority: 1, requiredSetting: "sdc" },
      { studentId: "b", courseId: "MATH", priority: 1, lockedSectionId: "MATH-co" },
      { studentId: "b", courseId: "ART", priority: 1, lockedSectionId: "ELA-1" },
      { studentId: "s", courseId: "ELA", priority: 1 },
    ]);
    const inst = compileInstance(school);
    const open = (studentId: string, courseId: string) => {
      const i = inst.studentIds.indexOf(studentId);
      for (let r = 0; r < inst.nRequests; r++) {
        if (inst.reqStudent[r] !== i || inst.courseIds[inst.reqCourse[r]] !== courseId) continue;
        const ids = [];
        for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++)
          ids.push(inst.sectionIds[inst.reqElig[e]]);
        const reason = inst.reqStaticReason[r] === REASON_NONE ? undefined : reasonOfCode(inst.reqStaticReason[r]);
        return { ids, reason };
      }
      throw new Error(`no request ${studentId} ${courseId}`);
    };
    // ELA-full has no seats (room of capacity 0), ELA-none no period: neither is open.
    expect(open("a", "ELA")).toEqual({ ids: ["ELA-1", "ELA-2"], reason: undefined });
    // The IEP student may not sit in ELA-2 (IEP capacity 0).
    expect(open("i", "ELA")).toEqual({ ids: ["ELA-1"], reason: undefined });
    expect(open("i", "MATH")).toEqual({ ids: ["MATH-sdc"], reason: undefined });
    expect(open("b", "MATH")).toEqual({ ids: ["MATH-co"], reason: undefined });
    expect(open("b", "ART")).toEqual({ ids: [], reason: "locked_section_unavailable" });
    // Grade 12 is above ELA's grades.
    expect(open("s", "ELA")).toEqual({ ids: [], reason: "no_eligible_section" });
  });

  it("numbers each distinct list of open sections once, and a group's key names its requests' lists", () => {
    const inst = compileInstance(randomSchool(34, { students: 120, semesters: true }));
    const listOf = (r: number) => Array.from(inst.reqElig.subarray(inst.reqEligStart[r], inst.reqEligStart[r + 1]));
    const sectionsOfList = new Map<number, number[]>();
    for (let r = 0; r < inst.nRequests; r++) {
      const list = inst.reqEligList[r];
      if (list < 0) continue;
      expect(list).toBeLessThan(inst.nEligLists);
      if (!sectionsOfList.has(list)) sectionsOfList.set(list, listOf(r));
      expect(listOf(r)).toEqual(sectionsOfList.get(list));
    }
    expect(sectionsOfList.size).toBe(inst.nEligLists);
    const listsOfKey = new Map<number, number[][]>();
    for (let g = 0; g < inst.nGroups; g++) {
      const key = groupListsKey(inst, g);
      const lists = [];
      for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) lists.push(listOf(r));
      if (key < 0) continue;
      if (!listsOfKey.has(key)) listsOfKey.set(key, lists);
      expect(lists).toEqual(listsOfKey.get(key));
    }
    expect(listsOfKey.size).toBeGreaterThan(1);
  });
});

/** A one-school problem with fixed courses and sections, and the given requests. */
function smallSchool(requests: Omit<CourseRequest, "schoolId">[]): SchoolProblem {
  const schoolId = "S";
  const section = (sectionId: string, courseId: string, extra: Partial<SchoolProblem["sections"][number]> = {}) => ({
    schoolId,
    sectionId,
    courseId,
    capacity: 30,
    period: 1,
    terms: ["Y"],
    setting: "general" as const,
    locked: false,
    ...extra,
  });
  return {
    school: { schoolId, name: "S", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 4, terms: ["Y"] },
    courses: ["ELA", "MATH", "ART", "MUSIC", "DRAMA"].map((courseId) => ({
      schoolId,
      courseId,
      title: courseId,
      gradeLow: 9,
      gradeHigh: courseId === "ELA" ? 11 : 12,
    })),
    teachers: [],
    rooms: [{ schoolId, roomId: "closet", capacity: 0 }],
    sections: [
      section("ELA-1", "ELA"),
      section("ELA-2", "ELA", { period: 2, iepCapacity: 0 }),
      section("ELA-full", "ELA", { period: 3, roomId: "closet" }),
      section("ELA-none", "ELA", { period: undefined }),
      section("MATH-gen", "MATH", { period: 2 }),
      section("MATH-co", "MATH", { period: 3, setting: "co_taught" }),
      section("MATH-sdc", "MATH", { period: 4, setting: "sdc" }),
      section("ART-1", "ART", { period: 4 }),
    ],
    students: [
      { schoolId, studentId: "a", grade: 9, iep: false },
      { schoolId, studentId: "b", grade: 10, iep: false },
      { schoolId, studentId: "i", grade: 10, iep: true },
      { schoolId, studentId: "s", grade: 12, iep: false },
    ],
    requests: requests.map((r) => ({ schoolId, ...r })),
    avoid: [],
  };
}
