import { describe, expect, it } from "vitest";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { computeSchoolMetrics } from "../../src/report/school-metrics.ts";

const schoolId = "S";

/** A section of capacity 10 in period `period` (undefined: unplaced). */
function section(sectionId: string, courseId: string, period: number | undefined) {
  return {
    schoolId,
    sectionId,
    courseId,
    capacity: 10,
    period,
    terms: ["Y"],
    setting: "general" as const,
    locked: false,
  };
}

/** A school whose students take primaries, alternates, a repeated request and seats in an unknown section. */
function school(): SchoolProblem {
  const request = (studentId: string, courseId: string, priority: number, alternateFor?: string) => ({
    schoolId,
    studentId,
    courseId,
    priority,
    alternateFor,
  });
  return {
    school: { schoolId, name: "S", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 4, terms: ["Y"] },
    courses: [],
    teachers: [],
    rooms: [],
    sections: [
      section("M-1", "M", 1),
      section("E-1", "E", 2),
      section("A-1", "A", 3),
      section("X-1", "X", undefined),
      section("M-2", "M", 4),
    ],
    students: ["a", "b", "c", "d", "e"].map((studentId) => ({ schoolId, studentId, grade: 9, iep: false })),
    requests: [
      request("a", "M", 1),
      request("a", "E", 2),
      request("a", "A", 2, "E"),
      request("b", "M", 1),
      request("b", "E", 2),
      request("b", "A", 2, "E"),
      request("c", "M", 1),
      request("c", "M", 1),
      request("c", "E", 1),
      request("e", "M", 1),
    ],
    avoid: [],
  };
}

const roster: SchoolRoster = {
  schoolId,
  sections: ["M-1", "E-1", "A-1", "X-1", "M-2"].map((sectionId) => ({
    sectionId,
    period: sectionId === "X-1" ? undefined : 1,
  })),
  enrollments: [
    { studentId: "a", sectionId: "M-1" },
    { studentId: "a", sectionId: "E-1" },
    { studentId: "b", sectionId: "M-2" },
    { studentId: "b", sectionId: "A-1" },
    { studentId: "c", sectionId: "Z-9" },
    { studentId: "e", sectionId: "M-1" },
  ],
  unscheduled: [
    { studentId: "c", courseId: "M", priority: 1, reason: "no_seat" },
    { studentId: "c", courseId: "E", priority: 1, reason: "period_conflict" },
  ],
};

describe("computeSchoolMetrics", () => {
  it("counts a primary met by its course or an alternate, each repeated request, and the students left with nothing", () => {
    expect(computeSchoolMetrics(school(), roster)).toEqual({
      schoolId,
      students: 5,
      sections: 5,
      sectionsUnplaced: 1,
      // a: M, E; b: M, E (met by its alternate A); c: M twice and E, none met (its seat's section is unknown); e: M.
      primaryRequests: 8,
      primaryMet: 5,
      byPriority: [
        { priority: 1, requested: 6, met: 3 },
        { priority: 2, requested: 2, met: 2 },
      ],
      alternatesUsed: 1,
      // c misses its requests; d, without any, has a full schedule.
      fullSchedules: 4,
      studentsWithNothing: 1,
      seats: 40,
      enrollments: 6,
      sectionFill: 6 / 40,
      // M-1 holds a and e, M-2 holds b.
      worstCourseImbalance: 1,
      unscheduledByReason: { no_seat: 1, period_conflict: 1 },
    });
  });
});
