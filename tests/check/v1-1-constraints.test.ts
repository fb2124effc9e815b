import { describe, expect, it } from "vitest";
import type { Problem, Section } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { tinyProblem, tinyRoster } from "./tiny-problem.ts";

const section = (problem: Problem, id: string): Section => problem.sections.find((s) => s.sectionId === id)!;
const enroll = (rosters: SchoolRoster[], studentId: string, sectionId: string) =>
  rosters[0]!.enrollments.push({ studentId, sectionId });

/** Validates, expects every violation to be of the one named constraint, returns their messages. */
function only(problem: Problem, rosters: SchoolRoster[], constraint: string): string[] {
  const violations = validateRoster(problem, rosters);
  expect([...new Set(violations.map((v) => v.constraint))]).toEqual([constraint]);
  return violations.map((v) => v.message);
}

describe("hard constraint 10: a section of length L meets in L consecutive periods", () => {
  it("reports a double period that runs past the school's last period", () => {
    const problem = tinyProblem();
    section(problem, "DRAMA-1").length = 2;
    expect(only(problem, tinyRoster(), "section-length")).toEqual([
      "section DRAMA-1 of length 2 is placed in period 3, so it runs to period 4, but the school's periods are 1 to 3",
    ]);
  });

  it("takes its students, teacher and room in its second period too", () => {
    const problem = tinyProblem();
    // ELA6-1 (period 1) as a double period now meets in period 2, where 100002 has no class,
    // but its teacher T-2 teaches ELA7-1 and its room A2 holds ELA7-1.
    section(problem, "ELA6-1").length = 2;
    const rosters = tinyRoster();
    const violations = validateRoster(problem, rosters);
    expect(violations.map((v) => v.message)).toEqual([
      "teacher T-3 teaches sections ELA6-1 and ELA7-SDC, which both meet in period 2 of terms S1, S2",
      "teacher T-2 teaches sections ELA6-1 and ELA7-1, which both meet in period 2 of terms S1, S2",
      "room A2 holds sections ELA6-1 and ELA7-1, which both meet in period 2 of terms S1, S2",
    ]);
    section(problem, "MATH6-1").length = 2;
    enroll(rosters, "100001", "MATH6-1");
    const student = validateRoster(problem, rosters).filter((v) => v.constraint === "student-period-clash");
    expect(student.map((v) => v.message)).toEqual([
      "student 100001 is in sections MATH6-1 and ART-1, which both meet in period 2 of term S1",
      "student 100001 is in sections MATH6-1 and MUSIC-1, which both meet in period 2 of term S2",
    ]);
  });

  it("keeps a teacher out of an unavailable second period", () => {
    const problem = tinyProblem();
    section(problem, "ELA7-1").length = 2; // periods 2-3; T-2 is unavailable in 3
    const messages = validateRoster(problem, tinyRoster())
      .filter((v) => v.constraint === "teacher-unavailable")
      .map((v) => v.message);
    expect(messages).toEqual(["teacher T-2 of section ELA7-1 is unavailable in period 3"]);
  });
});

describe("hard constraint 11: teams", () => {
  it("reports a student of another team, or of none, in a team's section", () => {
    const problem = tinyProblem();
    section(problem, "MATH7-1").teamId = "Falcons";
    problem.students.find((s) => s.studentId === "100004")!.teamId = "Eagles";
    problem.students.find((s) => s.studentId === "100001")!.teamId = "Falcons";
    expect(only(problem, tinyRoster(), "team-section")).toEqual([
      "student 100003 (of no team) is in section MATH7-1, a section of team Falcons",
      "student 100004 (of team Eagles) is in section MATH7-1, a section of team Falcons",
    ]);
  });

  it("reports a team's student placed outside the team's sections of a course the team has", () => {
    const problem = tinyProblem();
    problem.students.find((s) => s.studentId === "100003")!.teamId = "Eagles";
    problem.sections.push({ ...section(problem, "ELA7-1"), sectionId: "ELA7-E", teamId: "Eagles", period: undefined });
    const rosters = tinyRoster();
    rosters[0]!.sections.push({ sectionId: "ELA7-E", teacherId: "T-2", roomId: "A2" });
    expect(only(problem, rosters, "team-section")).toEqual([
      "student 100003 of team Eagles is in section ELA7-1 of course ELA7, not in one of the team's sections of it (ELA7-E)",
    ]);
  });

  it("lets a team's student take a course the team has no section of anywhere", () => {
    const problem = tinyProblem();
    for (const s of problem.students) s.teamId = "Falcons";
    section(problem, "MATH6-1").teamId = "Falcons";
    expect(validateRoster(problem, tinyRoster())).toEqual([]);
  });
});

describe("hard constraint 12: linked sections", () => {
  it("reports a student who takes a linked section and the link's other course outside it", () => {
    const problem = tinyProblem();
    // A second ELA7 section outside the link; 100003 takes MATH7 in the link and ELA7 outside it.
    section(problem, "MATH7-1").linkId = "B7";
    problem.sections.push({
      ...section(problem, "ELA7-1"),
      sectionId: "ELA7-2",
      linkId: "B7",
      period: 1,
      teacherId: undefined,
      roomId: "Studio",
    });
    const rosters = tinyRoster();
    rosters[0]!.sections.push({ sectionId: "ELA7-2", period: 1, roomId: "Studio" });
    const messages = only(problem, rosters, "linked-sections");
    expect(messages).toEqual([
      "student 100003 is in section MATH7-1 of link B7 and in section ELA7-1 of course ELA7, outside the link, but link B7 has the course's sections ELA7-2",
      "student 100004 is in section MATH7-1 of link B7 and in section ELA7-SDC of course ELA7, outside the link, but link B7 has the course's sections ELA7-2",
    ]);
  });

  it("accepts a student in one course of a link who does not take the other", () => {
    const problem = tinyProblem();
    section(problem, "ART-1").linkId = "ARTS";
    section(problem, "DRAMA-1").linkId = "ARTS";
    expect(validateRoster(problem, tinyRoster())).toEqual([]);
  });
});

describe("hard constraint 13: lunch", () => {
  it("reports a student whose sections take every lunch period of a term", () => {
    const problem = tinyProblem();
    problem.schools[0]!.lunchPeriods = [2, 3];
    // 100003: ELA7-1 in period 2 and MATH7-1 in period 3, in both terms; 100004 the same.
    const messages = only(problem, tinyRoster(), "lunch-period");
    expect(messages).toEqual([
      "student 100003 has no lunch in terms S1, S2: lunch periods 2, 3 are taken by sections MATH7-1, ELA7-1",
      "student 100004 has no lunch in terms S1, S2: lunch periods 2, 3 are taken by sections MATH7-1, ELA7-SDC",
    ]);
  });

  it("counts each term on its own: a period taken only in S1 leaves lunch free in S2", () => {
    const problem = tinyProblem();
    problem.schools[0]!.lunchPeriods = [2];
    const rosters = tinyRoster();
    rosters[0]!.enrollments = rosters[0]!.enrollments.filter(
      (e) => !(e.studentId === "100001" && e.sectionId === "MUSIC-1"),
    );
    rosters[0]!.unscheduled.push({ studentId: "100001", courseId: "MUSIC", priority: 2, reason: "no_lunch" });
    const messages = only(problem, rosters, "lunch-period");
    expect(messages).toContain("student 100001 has no lunch in term S1: lunch period 2 is taken by sections ART-1");
    expect(messages).toContain("student 100005 has no lunch in term S2: lunch period 2 is taken by sections MUSIC-1");
  });
});
