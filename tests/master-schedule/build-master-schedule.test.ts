import { describe, expect, it } from "vitest";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";
import { generatePreset } from "../../fixtures/generate.ts";
import {
  buildMasterSchedule,
  greedyPlacement,
  randomPlacement,
} from "../../solver/master-schedule/build-master-schedule.ts";
import type { BuildOptions, BuildResult } from "../../solver/master-schedule/build-result.ts";
import { loadAndValidate } from "./load-and-validate.ts";
import { witnessSchool } from "./witness-school.ts";

const quick: BuildOptions = { seed: 1, quality: "quick" };
const builders: [string, (problem: SchoolProblem, options: BuildOptions) => BuildResult][] = [
  ["the full builder", buildMasterSchedule],
  ["greedy placement", greedyPlacement],
  ["random placement", randomPlacement],
];

/** The slots (period and term) a placed section occupies, as "period:term" keys. */
const slotsOf = (problem: SchoolProblem, placement: SectionPlacement): string[] => {
  const section = problem.sections.find((s) => s.sectionId === placement.sectionId)!;
  return placement.period === undefined ? [] : section.terms.map((term) => `${placement.period}:${term}`);
};

/** Pairs (resource, slot) held twice: a teacher, co-teacher or room in two sections at once. */
function doubleBookings(problem: SchoolProblem, placements: SectionPlacement[]): string[] {
  const seen = new Set<string>();
  const doubles: string[] = [];
  for (const placement of placements) {
    for (const slot of slotsOf(problem, placement)) {
      for (const key of [
        `teacher ${placement.teacherId}`,
        `teacher ${placement.coTeacherId}`,
        `room ${placement.roomId}`,
      ]) {
        if (key.endsWith("undefined")) continue;
        if (seen.has(`${key} ${slot}`)) doubles.push(`${key} ${slot}`);
        seen.add(`${key} ${slot}`);
      }
    }
  }
  return doubles;
}

describe.each(builders)("%s", (_name, build) => {
  const schools: [string, SchoolProblem][] = [
    ["a year-long school with teachers and rooms given", witnessSchool(11, { students: 90, periods: 5 })],
    [
      "a semester school choosing teachers and rooms too",
      witnessSchool(12, { students: 60, periods: 6, terms: ["S1", "S2"], blankTeachers: true, blankRooms: true }),
    ],
    ["the tiny preset with every period empty", generatePreset("tiny", 1, { unplacedShare: 1 })],
  ];

  it.each(schools)("places every section of %s and the loaded roster passes validate", async (_label, problem) => {
    const result = build(problem, quick);
    expect(result.unplaced).toEqual([]);
    expect(result.placements.map((p) => p.sectionId)).toEqual(problem.sections.map((s) => s.sectionId));
    for (const placement of result.placements) expect(placement.period).toBeGreaterThanOrEqual(1);
    const { violations, roster } = await loadAndValidate(problem, result.placements);
    expect(violations).toEqual([]);
    expect(roster.enrollments.length).toBeGreaterThan(0);
  });

  it.each(schools)(
    "never puts a teacher or a room in two sections in the same period and term (%s)",
    (_label, problem) => {
      expect(doubleBookings(problem, build(problem, quick).placements)).toEqual([]);
    },
  );
});

describe("buildMasterSchedule", () => {
  it("never schedules a teacher in an unavailable period", () => {
    // Rooms chosen too: with rooms given, a teacher made unavailable may leave no way to pair periods.
    const problem = witnessSchool(13, { students: 90, periods: 5, blankTeachers: true, blankRooms: true });
    problem.teachers.forEach((teacher, i) => {
      if (!teacher.specialEducation) teacher.unavailablePeriods = [1 + (i % 2)];
    });
    const { placements, unplaced } = buildMasterSchedule(problem, quick);
    expect(unplaced).toEqual([]);
    const unavailable = new Map(problem.teachers.map((t) => [t.teacherId, t.unavailablePeriods]));
    for (const p of placements) {
      expect(unavailable.get(p.teacherId!)).not.toContain(p.period);
      if (p.coTeacherId) expect(unavailable.get(p.coTeacherId)).not.toContain(p.period);
    }
  });

  it("keeps locked sections where they are, and every given period, teacher and room", () => {
    const problem = witnessSchool(14, { students: 90, periods: 5, blankPeriods: false });
    problem.sections.forEach((section, i) => {
      if (i % 3 === 0) section.locked = true;
      else if (i % 3 === 1) section.period = undefined;
      else section.roomId = undefined;
    });
    const given = problem.sections.map((s) => ({ period: s.period, teacherId: s.teacherId, roomId: s.roomId }));
    const { placements, unplaced } = buildMasterSchedule(problem, quick);
    expect(unplaced).toEqual([]);
    placements.forEach((p, i) => {
      if (given[i].period !== undefined) expect(p.period).toBe(given[i].period);
      if (given[i].roomId !== undefined) expect(p.roomId).toBe(given[i].roomId);
      expect(p.teacherId).toBe(given[i].teacherId);
    });
  });

  it("chooses qualified teachers with load left, special-education teachers for SDC and co-teaching", () => {
    const problem = witnessSchool(15, { students: 90, periods: 6, blankTeachers: true });
    const { placements, unplaced } = buildMasterSchedule(problem, quick);
    expect(unplaced).toEqual([]);
    const teachers = new Map(problem.teachers.map((t) => [t.teacherId, t]));
    const load = new Map<string, number>();
    for (const p of placements) {
      const section = problem.sections.find((s) => s.sectionId === p.sectionId)!;
      const teacher = teachers.get(p.teacherId!)!;
      expect(teacher.qualifiedCourses.length === 0 || teacher.qualifiedCourses.includes(section.courseId)).toBe(true);
      if (section.setting === "sdc") expect(teacher.specialEducation).toBe(true);
      if (section.setting === "co_taught") {
        expect(teachers.get(p.coTeacherId!)?.specialEducation).toBe(true);
        expect(p.coTeacherId).not.toBe(p.teacherId);
      }
      for (const id of [p.teacherId, p.coTeacherId]) if (id) load.set(id, (load.get(id) ?? 0) + 1);
    }
    for (const [id, n] of load) expect(n).toBeLessThanOrEqual(teachers.get(id)!.maxSections!);
  });

  it("chooses a room that seats the section when one is free", () => {
    const problem = witnessSchool(16, { students: 90, periods: 5, blankRooms: true });
    problem.rooms.push({ schoolId: problem.school.schoolId, roomId: "Closet", capacity: 4 });
    const rooms = new Map(problem.rooms.map((r) => [r.roomId, r.capacity]));
    const { placements } = buildMasterSchedule(problem, quick);
    for (const p of placements) {
      const section = problem.sections.find((s) => s.sectionId === p.sectionId)!;
      expect(rooms.get(p.roomId!)).toBeGreaterThanOrEqual(section.capacity);
    }
  });

  it("lets semester sections of different terms share a teacher and a room in one period", () => {
    const problem = witnessSchool(17, { students: 40, periods: 2, terms: ["S1", "S2"] });
    const [a, b] = problem.sections.filter((s) => s.setting === "general").slice(0, 2);
    problem.sections = [a, b];
    a.terms = ["S1"];
    b.terms = ["S2"];
    b.teacherId = a.teacherId;
    b.roomId = a.roomId;
    const teacher = problem.teachers.find((t) => t.teacherId === a.teacherId)!;
    teacher.unavailablePeriods = [2];
    teacher.qualifiedCourses = [];
    problem.requests = problem.requests.filter((r) => r.courseId === a.courseId || r.courseId === b.courseId);
    const { placements, unplaced } = buildMasterSchedule(problem, quick);
    expect(unplaced).toEqual([]);
    expect(placements.map((p) => p.period)).toEqual([1, 1]);
  });

  it("reaches the time bound on a school where a conflict-free placement exists", () => {
    for (const seed of [21, 22, 23]) {
      const problem = witnessSchool(seed, { students: 120, periods: 6 });
      const { stats } = buildMasterSchedule(problem, quick);
      expect(stats.timeBound).toBe(stats.primaryRequests);
    }
  });

  it("does better than greedy placement, itself better than random, on tight semester schools", () => {
    for (const seed of [9, 10]) {
      const problem = witnessSchool(seed, {
        students: 100,
        periods: 6,
        terms: ["S1", "S2"],
        blankTeachers: true,
        blankRooms: true,
      });
      const random = randomPlacement(problem, quick).stats.timeBound;
      const greedy = greedyPlacement(problem, quick).stats;
      const full = buildMasterSchedule(problem, quick).stats;
      expect(greedy.timeBound).toBeGreaterThan(random);
      expect(full.timeBound).toBeGreaterThan(greedy.timeBound);
      expect(full.timeBound).toBe(full.primaryRequests);
    }
  });

  it("counts the requests no schedule can fit, and never claims a time bound above what is left", () => {
    const problem = witnessSchool(24, { students: 60, periods: 5 });
    const student = problem.students[1].studentId;
    const mine = new Set(problem.requests.filter((r) => r.studentId === student).map((r) => r.courseId));
    const others = problem.courses.filter((c) => !mine.has(c.courseId) && c.courseId !== "SDC-ELA");
    const extra = 5 + 2 - mine.size;
    for (const course of others.slice(0, extra))
      problem.requests.push({
        schoolId: problem.school.schoolId,
        studentId: student,
        courseId: course.courseId,
        priority: 1,
      });
    const { stats } = buildMasterSchedule(problem, quick);
    expect(stats.unavoidableConflicts).toBe(2);
    expect(stats.timeBound).toBeLessThanOrEqual(stats.primaryRequests - 2);
  });

  it("gives the same master schedule for the same seed", () => {
    const problem = witnessSchool(18, { students: 90, periods: 6, terms: ["S1", "S2"] });
    const first = buildMasterSchedule(problem, { seed: 5, quality: "quick" });
    const second = buildMasterSchedule(problem, { seed: 5, quality: "quick" });
    expect(first.stats.stoppedByTimeLimit).toBe(false);
    expect(second.placements).toEqual(first.placements);
  });

  it("reports a section it cannot place, with a reason, and leaves it without a period", () => {
    const problem = witnessSchool(19, { students: 60, periods: 5 });
    const teacher = problem.teachers.find((t) => !t.specialEducation)!;
    const victim = problem.sections.find((s) => s.teacherId === teacher.teacherId)!;
    teacher.unavailablePeriods = [1, 2, 3, 4, 5];
    const { placements, unplaced } = buildMasterSchedule(problem, quick);
    expect(unplaced).toContainEqual({
      sectionId: victim.sectionId,
      reason: `teacher "${teacher.teacherId}" has no free period left`,
    });
    expect(placements.find((p) => p.sectionId === victim.sectionId)!.period).toBeUndefined();
  });
});
