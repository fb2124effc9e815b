import { describe, expect, it } from "vitest";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { checkBuildable } from "../../solver/master-schedule/check-buildable.ts";
import { witnessSchool } from "./witness-school.ts";

/** A buildable school to break in one way per test. */
const school = (): SchoolProblem => witnessSchool(3, { students: 60, periods: 5 });

describe("checkBuildable", () => {
  it("finds nothing wrong with a school whose hidden schedule proves it buildable", () => {
    expect(checkBuildable(school())).toEqual([]);
    expect(
      checkBuildable(
        witnessSchool(4, { students: 60, periods: 5, terms: ["S1", "S2"], blankTeachers: true, blankRooms: true }),
      ),
    ).toEqual([]);
  });

  it("rejects a teacher with more sections than available periods, counting the unavailable ones", () => {
    const problem = school();
    const teacher = problem.teachers.find((t) => !t.specialEducation)!;
    teacher.unavailablePeriods = [1, 2];
    teacher.maxSections = 99;
    for (const section of problem.sections.filter((s) => s.setting === "general").slice(0, 4))
      section.teacherId = teacher.teacherId;
    const mine = problem.sections.filter((s) => s.teacherId === teacher.teacherId).length;
    expect(mine).toBeGreaterThan(3);
    expect(checkBuildable(problem)).toContain(
      `teacher "${teacher.teacherId}" has ${mine} sections but only 3 periods (2 unavailable)`,
    );
  });

  it("rejects a teacher given more sections than max_sections", () => {
    const problem = school();
    const teacher = problem.teachers.find((t) => !t.specialEducation)!;
    teacher.maxSections = 1;
    const mine = problem.sections.filter((s) => s.teacherId === teacher.teacherId).length;
    expect(mine).toBeGreaterThan(1);
    expect(checkBuildable(problem)).toContain(
      `teacher "${teacher.teacherId}" has ${mine} sections but max_sections is 1`,
    );
  });

  it("rejects an SDC section with no special-education teacher free, and names it", () => {
    const problem = school();
    const sdc = problem.sections.find((s) => s.setting === "sdc")!;
    sdc.teacherId = undefined;
    for (const teacher of problem.teachers) if (teacher.specialEducation) teacher.maxSections = 0;
    problem.sections.find((s) => s.setting === "co_taught")!.coTeacherId = undefined;
    const messages = checkBuildable(problem);
    expect(messages).toContain(`section "${sdc.sectionId}" is sdc but no special-education teacher is free`);
  });

  it("rejects an SDC section whose given teacher is not special education", () => {
    const problem = school();
    const sdc = problem.sections.find((s) => s.setting === "sdc")!;
    const general = problem.teachers.find((t) => !t.specialEducation)!;
    sdc.teacherId = general.teacherId;
    expect(checkBuildable(problem)).toContain(
      `section "${sdc.sectionId}" is sdc but its teacher "${general.teacherId}" is not special education`,
    );
  });

  it("rejects a co-taught section when no special-education co-teacher can be chosen", () => {
    const problem = school();
    const coTaught = problem.sections.find((s) => s.setting === "co_taught")!;
    coTaught.coTeacherId = undefined;
    for (const teacher of problem.teachers) teacher.specialEducation = false;
    problem.sections.find((s) => s.setting === "sdc")!.setting = "general";
    expect(checkBuildable(problem)).toContain(
      `section "${coTaught.sectionId}" is co_taught but no special-education co-teacher is free`,
    );
  });

  it("rejects a section no teacher is qualified for", () => {
    const problem = school();
    const section = problem.sections.find((s) => s.setting === "general")!;
    section.teacherId = undefined;
    for (const teacher of problem.teachers) teacher.qualifiedCourses = ["NOTHING"];
    expect(checkBuildable(problem)).toContain(
      `section "${section.sectionId}" has no teacher qualified for course "${section.courseId}"`,
    );
  });

  it("rejects two given sections of one teacher in the same period, and a given period the teacher is unavailable", () => {
    const problem = witnessSchool(3, { students: 60, periods: 5, blankPeriods: false });
    const teacher = problem.teachers.find(
      (t) => problem.sections.filter((s) => s.teacherId === t.teacherId).length >= 2,
    )!;
    const [a, b] = problem.sections.filter((s) => s.teacherId === teacher.teacherId);
    b.period = a.period;
    teacher.unavailablePeriods = [a.period!];
    const messages = checkBuildable(problem);
    expect(messages).toContain(
      `teacher "${teacher.teacherId}" is given two sections in period ${a.period}: "${a.sectionId}" and "${b.sectionId}"`,
    );
    expect(messages).toContain(
      `section "${a.sectionId}" is given period ${a.period}, when teacher "${teacher.teacherId}" is unavailable`,
    );
  });

  it("rejects more sections than the rooms can hold over the day", () => {
    const problem = school();
    problem.rooms = problem.rooms.slice(0, 1);
    for (const section of problem.sections) section.roomId = undefined;
    expect(checkBuildable(problem).join("\n")).toMatch(
      /^the school has \d+ sections but its 1 rooms x 5 periods hold only 5$/m,
    );
  });

  it("rejects a section naming a teacher or room the school does not have", () => {
    const problem = school();
    problem.sections[1].teacherId = "T-404";
    problem.sections[2].roomId = "R-404";
    expect(checkBuildable(problem)).toEqual([
      `section "${problem.sections[1].sectionId}" names unknown teacher "T-404"`,
      `section "${problem.sections[2].sectionId}" names unknown room "R-404"`,
    ]);
  });
});
