import { describe, expect, it } from "vitest";
import { solveSchool } from "../../solver/solve-school.ts";
import type { CourseRequest, SchoolProblem, Section, Student } from "../../src/domain/problem.ts";

const schoolId = "S";

/** A one-period-per-course school built by hand: the smallest problem that shows one reason. */
function school(parts: {
  sections: Partial<Section>[];
  students: Partial<Student>[];
  requests: Partial<CourseRequest>[];
  avoid?: [string, string][];
}): SchoolProblem {
  const courseIds = [...new Set(parts.sections.map((s) => s.courseId!).concat(parts.requests.map((r) => r.courseId!)))];
  return {
    school: { schoolId, name: "S", kind: "high", gradeLow: 9, gradeHigh: 12, periods: 3, terms: ["Y"] },
    courses: courseIds.map((courseId) => ({
      schoolId,
      courseId,
      title: courseId,
      gradeLow: courseId === "SENIOR" ? 12 : 9,
      gradeHigh: 12,
    })),
    teachers: [],
    rooms: [],
    sections: parts.sections.map((s, k) => ({
      schoolId,
      sectionId: `${s.courseId}-${k}`,
      courseId: s.courseId!,
      capacity: 30,
      terms: ["Y"],
      setting: "general",
      locked: false,
      period: 1,
      ...s,
    })),
    students: parts.students.map((s) => ({ schoolId, studentId: s.studentId!, grade: 9, iep: false, ...s })),
    requests: parts.requests.map((r) => ({
      schoolId,
      studentId: r.studentId!,
      courseId: r.courseId!,
      priority: 1,
      ...r,
    })),
    avoid: (parts.avoid ?? []).map(([a, b]) => ({ schoolId, studentId: a, otherStudentId: b })),
  };
}

async function reasonOf(problem: SchoolProblem, studentId: string, courseId: string): Promise<string | undefined> {
  const { roster } = await solveSchool(problem, { seed: 1, quality: "quick" });
  return roster.unscheduled.find((u) => u.studentId === studentId && u.courseId === courseId)?.reason;
}

describe("unscheduled reasons", () => {
  it("says no_eligible_section when no section of the course is open to the student's grade", async () => {
    const p = school({
      sections: [{ courseId: "SENIOR" }],
      students: [{ studentId: "a", grade: 9 }],
      requests: [{ studentId: "a", courseId: "SENIOR" }],
    });
    expect(await reasonOf(p, "a", "SENIOR")).toBe("no_eligible_section");
  });

  it("says no_eligible_section when the course has no placed section", async () => {
    const p = school({
      sections: [{ courseId: "ART", period: undefined }],
      students: [{ studentId: "a" }],
      requests: [{ studentId: "a", courseId: "ART" }],
    });
    expect(await reasonOf(p, "a", "ART")).toBe("no_eligible_section");
  });

  it("says setting_unavailable when the student needs SDC and the course has none", async () => {
    const p = school({
      sections: [{ courseId: "ELA" }],
      students: [{ studentId: "a", iep: true }],
      requests: [{ studentId: "a", courseId: "ELA", requiredSetting: "sdc" }],
    });
    expect(await reasonOf(p, "a", "ELA")).toBe("setting_unavailable");
  });

  it("says no_seat when every eligible section is full", async () => {
    const p = school({
      sections: [{ courseId: "ART", capacity: 1 }],
      students: [{ studentId: "a" }, { studentId: "b" }],
      requests: [
        { studentId: "a", courseId: "ART" },
        { studentId: "b", courseId: "ART" },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toHaveLength(1);
    expect(roster.unscheduled.map((u) => u.reason)).toEqual(["no_seat"]);
  });

  it("says period_conflict when the only seats meet while the student has a more important class", async () => {
    const p = school({
      sections: [
        { courseId: "MATH", period: 2 },
        { courseId: "ART", period: 2 },
      ],
      students: [{ studentId: "a" }],
      requests: [
        { studentId: "a", courseId: "MATH", priority: 1 },
        { studentId: "a", courseId: "ART", priority: 2 },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toEqual([{ studentId: "a", sectionId: "MATH-0" }]);
    expect(roster.unscheduled).toEqual([{ studentId: "a", courseId: "ART", priority: 2, reason: "period_conflict" }]);
  });

  it("says avoid_conflict when the only section holds a student to be kept apart", async () => {
    const p = school({
      sections: [{ courseId: "ART" }],
      students: [{ studentId: "a" }, { studentId: "b" }],
      requests: [
        { studentId: "a", courseId: "ART" },
        { studentId: "b", courseId: "ART" },
      ],
      avoid: [["a", "b"]],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toHaveLength(1);
    expect(roster.unscheduled.map((u) => u.reason)).toEqual(["avoid_conflict"]);
  });

  it("says locked_section_unavailable when the locked section cannot take the student", async () => {
    const p = school({
      sections: [
        { courseId: "ART", capacity: 1 },
        { courseId: "ART", period: 2 },
      ],
      students: [{ studentId: "a" }, { studentId: "b" }],
      requests: [
        { studentId: "a", courseId: "ART", lockedSectionId: "ART-0" },
        { studentId: "b", courseId: "ART", lockedSectionId: "ART-0", priority: 2 },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toEqual([{ studentId: "a", sectionId: "ART-0" }]);
    expect(roster.unscheduled).toEqual([
      { studentId: "b", courseId: "ART", priority: 2, reason: "locked_section_unavailable" },
    ]);
  });

  it("uses an alternate only when its primary cannot be met, and then lists nothing", async () => {
    const p = school({
      sections: [
        { courseId: "DRAMA", capacity: 1 },
        { courseId: "ART", period: 2 },
      ],
      students: [{ studentId: "a" }, { studentId: "b" }],
      requests: [
        { studentId: "a", courseId: "DRAMA" },
        { studentId: "b", courseId: "DRAMA", priority: 2 },
        { studentId: "b", courseId: "ART", priority: 2, alternateFor: "DRAMA" },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toEqual(
      expect.arrayContaining([
        { studentId: "a", sectionId: "DRAMA-0" },
        { studentId: "b", sectionId: "ART-1" },
      ]),
    );
    expect(roster.unscheduled).toEqual([]);
  });

  it("says team_full when every section of the student's team is full, even with seats outside the team", async () => {
    const p = school({
      sections: [
        { courseId: "MATH", capacity: 1, teamId: "A" },
        { courseId: "MATH", capacity: 30 },
      ],
      students: [
        { studentId: "a", teamId: "A" },
        { studentId: "b", teamId: "A" },
      ],
      requests: [
        { studentId: "a", courseId: "MATH" },
        { studentId: "b", courseId: "MATH" },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "quick" });
    expect(roster.enrollments).toHaveLength(1);
    expect(roster.unscheduled.map((u) => u.reason)).toEqual(["team_full"]);
  });

  it("says no_lunch when the only section left would take the student's last lunch period", async () => {
    const p = school({
      sections: [
        { courseId: "MATH", period: 2 },
        { courseId: "ART", period: 3 },
      ],
      students: [{ studentId: "a" }],
      requests: [
        { studentId: "a", courseId: "MATH" },
        { studentId: "a", courseId: "ART", priority: 2 },
      ],
    });
    p.school.lunchPeriods = [2, 3];
    expect(await reasonOf(p, "a", "ART")).toBe("no_lunch");
  });

  it("says link_unavailable when the course's seats lie outside the link of the student's other course", async () => {
    // ENG-0 and HIST-1 are a block; HIST-1 is full, so HIST-2 is the only seat, outside the block.
    const p = school({
      sections: [
        { courseId: "ENG", period: 1, linkId: "B" },
        { courseId: "HIST", period: 2, linkId: "B", capacity: 1 },
        { courseId: "HIST", period: 3 },
      ],
      students: [{ studentId: "a" }, { studentId: "b" }],
      requests: [
        { studentId: "b", courseId: "HIST" },
        { studentId: "b", courseId: "ENG" },
        { studentId: "a", courseId: "ENG" },
        { studentId: "a", courseId: "HIST", priority: 2 },
      ],
    });
    const { roster } = await solveSchool(p, { seed: 1, quality: "full" });
    expect(roster.unscheduled).toEqual([{ studentId: "a", courseId: "HIST", priority: 2, reason: "link_unavailable" }]);
  });
});
