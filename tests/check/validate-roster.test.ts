import { describe, expect, it } from "vitest";
import type { Problem, Section, Student, Teacher } from "../../src/domain/problem.ts";
import type { SchoolRoster, SectionPlacement } from "../../src/domain/roster.ts";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { validateRoster, validateSchoolRoster, type Violation } from "../../solver/check/validate-roster.ts";
import { tinyProblem, tinyRoster } from "./tiny-problem.ts";

const byId = <T>(rows: T[], key: (row: T) => string, id: string): T => {
  const row = rows.find((candidate) => key(candidate) === id);
  if (!row) throw new Error(`test fixture has no ${id}`);
  return row;
};
const section = (problem: Problem, id: string): Section => byId(problem.sections, (s) => s.sectionId, id);
const teacher = (problem: Problem, id: string): Teacher => byId(problem.teachers, (t) => t.teacherId, id);
const student = (problem: Problem, id: string): Student => byId(problem.students, (s) => s.studentId, id);
const placement = (rosters: SchoolRoster[], id: string): SectionPlacement =>
  byId(rosters[0].sections, (p) => p.sectionId, id);
const enroll = (rosters: SchoolRoster[], studentId: string, sectionId: string) =>
  rosters[0].enrollments.push({ studentId, sectionId });
const unenroll = (rosters: SchoolRoster[], studentId: string, sectionId: string) => {
  rosters[0].enrollments = rosters[0].enrollments.filter(
    (e) => !(e.studentId === studentId && e.sectionId === sectionId),
  );
};
const unlist = (rosters: SchoolRoster[], studentId: string, courseId: string) => {
  rosters[0].unscheduled = rosters[0].unscheduled.filter(
    (u) => !(u.studentId === studentId && u.courseId === courseId),
  );
};

/** The constraint names reported, each once, in report order. */
const constraints = (violations: Violation[]) => [...new Set(violations.map((v) => v.constraint))];

/** Validates, expects every violation to be of the one named constraint, returns their messages. */
function expectOnly(problem: Problem, rosters: SchoolRoster[], constraint: string): string[] {
  const violations = validateRoster(problem, rosters);
  expect(constraints(violations)).toEqual([constraint]);
  for (const violation of violations) expect(violation.schoolId).toBe("MS-101");
  return violations.map((v) => v.message);
}

describe("validateRoster on the tiny problem", () => {
  it("accepts the hand-made correct roster with zero violations", () => {
    expect(validateRoster(tinyProblem(), tinyRoster())).toEqual([]);
  });

  describe("hard constraint 1: one section per period and term", () => {
    it("reports a student in two sections that meet in the same period and term", () => {
      const rosters = tinyRoster();
      enroll(rosters, "100001", "ELA6-1");
      unlist(rosters, "100001", "ELA6");
      const [message, ...rest] = expectOnly(tinyProblem(), rosters, "student-period-clash");
      expect(rest).toEqual([]);
      expect(message).toBe(
        "student 100001 is in sections MATH6-1 and ELA6-1, which both meet in period 1 of terms S1, S2",
      );
    });

    it("accepts two sections in the same period but different terms (ART in S1, MUSIC in S2)", () => {
      const rosters = tinyRoster();
      const seatsOf100001 = rosters[0].enrollments.filter((e) => e.studentId === "100001").map((e) => e.sectionId);
      expect(seatsOf100001).toEqual(expect.arrayContaining(["ART-1", "MUSIC-1"]));
      expect(validateRoster(tinyProblem(), rosters)).toEqual([]);
    });

    it("reports a clash only in the term two sections share", () => {
      const problem = tinyProblem();
      section(problem, "MUSIC-1").terms = ["S1", "S2"];
      const messages = validateRoster(problem, tinyRoster())
        .filter((v) => v.constraint === "student-period-clash")
        .map((v) => v.message);
      expect(messages).toEqual([
        "student 100001 is in sections ART-1 and MUSIC-1, which both meet in period 2 of term S1",
      ]);
    });
  });

  describe("hard constraint 2: capacities", () => {
    it("reports a section holding more students than its capacity", () => {
      const problem = tinyProblem();
      section(problem, "MATH7-1").capacity = 1;
      expect(expectOnly(problem, tinyRoster(), "section-capacity")).toEqual([
        "section MATH7-1 holds 2 students but its capacity is 1",
      ]);
    });

    it("reports a section holding more students than its room seats", () => {
      const problem = tinyProblem();
      byId(problem.rooms, (r) => r.roomId, "A1").capacity = 1;
      expect(expectOnly(problem, tinyRoster(), "room-capacity")).toEqual([
        "section MATH7-1 holds 2 students but its room A1 seats 1",
      ]);
    });
  });

  describe("hard constraint 3: grades and requests", () => {
    it("reports a student in a course not open to the student's grade", () => {
      const problem = tinyProblem();
      student(problem, "100005").grade = 9;
      expect(expectOnly(problem, tinyRoster(), "grade-eligibility")).toEqual([
        "student 100005 (grade 9) is in section MUSIC-1 of course MUSIC, which is for grades 6 to 8",
      ]);
    });

    it("reports a student in a course the student never requested", () => {
      const rosters = tinyRoster();
      enroll(rosters, "100002", "ART-1");
      expect(expectOnly(tinyProblem(), rosters, "requested-course")).toEqual([
        "student 100002 is in section ART-1, but never requested its course ART",
      ]);
    });
  });

  describe("hard constraint 4: settings and IEPs", () => {
    it("reports a student who requires sdc placed in a general section", () => {
      const rosters = tinyRoster();
      unenroll(rosters, "100004", "ELA7-SDC");
      enroll(rosters, "100004", "ELA7-1");
      expect(expectOnly(tinyProblem(), rosters, "required-setting")).toEqual([
        "student 100004 requires a sdc section of course ELA7 but is in section ELA7-1, which is general",
      ]);
    });

    it("reports a student who requires co_taught placed in a general section", () => {
      const problem = tinyProblem();
      const request = problem.requests.find((r) => r.studentId === "100001" && r.courseId === "MATH6")!;
      request.requiredSetting = "co_taught";
      expect(expectOnly(problem, tinyRoster(), "required-setting")).toHaveLength(1);
    });

    it("reports a student without an IEP in a special day class", () => {
      const rosters = tinyRoster();
      unenroll(rosters, "100003", "ELA7-1");
      enroll(rosters, "100003", "ELA7-SDC");
      expect(expectOnly(tinyProblem(), rosters, "sdc-needs-iep")).toEqual([
        "student 100003 has no IEP but is in special day class ELA7-SDC",
      ]);
    });

    it("reports a section holding more IEP students than its iep_capacity", () => {
      const problem = tinyProblem();
      section(problem, "MATH7-1").iepCapacity = 0;
      expect(expectOnly(problem, tinyRoster(), "iep-capacity")).toEqual([
        "section MATH7-1 holds 1 students with an IEP but its iep_capacity is 0",
      ]);
    });
  });

  describe("hard constraint 5: teachers", () => {
    it("reports a teacher in two sections that meet in the same period and term", () => {
      const rosters = tinyRoster();
      placement(rosters, "DRAMA-1").period = 2;
      delete placement(rosters, "DRAMA-1").roomId;
      expect(expectOnly(tinyProblem(), rosters, "teacher-clash")).toEqual([
        "teacher T-4 teaches sections ART-1 and DRAMA-1, which both meet in period 2 of term S1",
        "teacher T-4 teaches sections MUSIC-1 and DRAMA-1, which both meet in period 2 of term S2",
      ]);
    });

    it("reports a co-teacher in two sections that meet in the same period and term", () => {
      const problem = tinyProblem();
      delete section(problem, "DRAMA-1").teacherId;
      section(problem, "DRAMA-1").coTeacherId = "T-3";
      const rosters = tinyRoster();
      delete placement(rosters, "DRAMA-1").teacherId;
      placement(rosters, "DRAMA-1").coTeacherId = "T-3";
      teacher(problem, "T-3").maxSections = 4;
      expect(expectOnly(problem, rosters, "teacher-clash")).toEqual([
        "teacher T-3 teaches sections MATH7-1 and DRAMA-1, which both meet in period 3 of terms S1, S2",
      ]);
    });

    it("reports a teacher placed in one of their unavailable periods", () => {
      const problem = tinyProblem();
      teacher(problem, "T-4").unavailablePeriods = [3];
      expect(expectOnly(problem, tinyRoster(), "teacher-unavailable")).toEqual([
        "teacher T-4 of section DRAMA-1 is unavailable in period 3",
      ]);
    });

    it("reports a teacher with more sections than max_sections, counting co-taught ones", () => {
      const problem = tinyProblem();
      teacher(problem, "T-3").maxSections = 2;
      expect(expectOnly(problem, tinyRoster(), "teacher-max-sections")).toEqual([
        "teacher T-3 has 3 sections (MATH7-1, ELA6-1, ELA7-SDC) but max_sections is 2",
      ]);
    });

    it("reports a teacher with more students than max_students across all sections", () => {
      const problem = tinyProblem();
      teacher(problem, "T-1").maxStudents = 2;
      expect(expectOnly(problem, tinyRoster(), "teacher-max-students")).toEqual([
        "teacher T-1 has 3 students across sections MATH6-1, MATH7-1 but max_students is 2",
      ]);
    });

    it("counts the students of sections a teacher co-teaches toward max_students", () => {
      const problem = tinyProblem();
      // T-3 teaches only ELA7-SDC (1 student) but co-teaches MATH7-1 (2) and ELA6-1 (1).
      teacher(problem, "T-3").maxStudents = 3;
      expect(expectOnly(problem, tinyRoster(), "teacher-max-students")).toEqual([
        "teacher T-3 has 4 students across sections MATH7-1, ELA6-1, ELA7-SDC but max_students is 3",
      ]);
    });

    it("reports a co-taught section without a co-teacher", () => {
      const problem = tinyProblem();
      section(problem, "MATH6-1").setting = "co_taught";
      expect(expectOnly(problem, tinyRoster(), "special-education-teacher")).toEqual([
        "co-taught section MATH6-1 has no co-teacher",
      ]);
    });

    it("reports a co-taught section whose co-teacher is not a special education teacher", () => {
      const problem = tinyProblem();
      const rosters = tinyRoster();
      section(problem, "MATH6-1").setting = "co_taught";
      section(problem, "MATH6-1").coTeacherId = "T-4";
      placement(rosters, "MATH6-1").coTeacherId = "T-4";
      teacher(problem, "T-4").maxSections = 4;
      expect(expectOnly(problem, rosters, "special-education-teacher")).toEqual([
        "co-taught section MATH6-1 has co-teacher T-4, who is not a special education teacher",
      ]);
    });

    it("reports a special day class whose teacher is not a special education teacher", () => {
      const problem = tinyProblem();
      const rosters = tinyRoster();
      section(problem, "ELA7-SDC").teacherId = "T-1";
      placement(rosters, "ELA7-SDC").teacherId = "T-1";
      expect(expectOnly(problem, rosters, "special-education-teacher")).toEqual([
        "special day class ELA7-SDC is taught by T-1, who is not a special education teacher",
      ]);
    });
  });

  describe("hard constraint 6: rooms", () => {
    it("reports a room holding two sections that meet in the same period and term", () => {
      const rosters = tinyRoster();
      placement(rosters, "DRAMA-1").roomId = "A1";
      expect(expectOnly(tinyProblem(), rosters, "room-clash")).toEqual([
        "room A1 holds sections MATH7-1 and DRAMA-1, which both meet in period 3 of terms S1, S2",
      ]);
    });
  });

  describe("hard constraint 7: locks", () => {
    it("reports a locked section moved to another room", () => {
      const rosters = tinyRoster();
      placement(rosters, "ELA6-1").roomId = "Studio";
      expect(expectOnly(tinyProblem(), rosters, "locked-section")).toEqual([
        "locked section ELA6-1 was moved: room A2 to Studio",
      ]);
    });

    it("reports a student with a locked_section_id request seated in another section of the course", () => {
      const problem = tinyProblem();
      const rosters = tinyRoster();
      problem.sections.push({ ...section(problem, "DRAMA-1"), sectionId: "DRAMA-2", teacherId: undefined });
      rosters[0].sections.push({ sectionId: "DRAMA-2" });
      problem.requests.find((r) => r.studentId === "100002" && r.courseId === "DRAMA")!.lockedSectionId = "DRAMA-2";
      expect(expectOnly(problem, rosters, "locked-request")).toEqual([
        "student 100002 is locked into section DRAMA-2 for course DRAMA but sits in section DRAMA-1",
      ]);
    });
  });

  describe("hard constraint 8: avoid pairs", () => {
    it("reports two students of an avoid pair in the same section", () => {
      const rosters = tinyRoster();
      enroll(rosters, "100005", "MATH7-1");
      unlist(rosters, "100005", "MATH7");
      expect(expectOnly(tinyProblem(), rosters, "avoid-pair")).toEqual([
        "students 100003 and 100005 must be kept apart but are both in section MATH7-1",
      ]);
    });
  });

  describe("hard constraint 9: one section per course, alternates", () => {
    it("reports a student in two sections of the same course", () => {
      const problem = tinyProblem();
      const rosters = tinyRoster();
      problem.sections.push({
        ...section(problem, "ART-1"),
        sectionId: "ART-2",
        teacherId: undefined,
        roomId: undefined,
        period: 3,
      });
      rosters[0].sections.push({ sectionId: "ART-2", period: 3 });
      enroll(rosters, "100001", "ART-2");
      expect(expectOnly(problem, rosters, "one-section-per-course")).toEqual([
        "student 100001 is in 2 sections of course ART: ART-1, ART-2",
      ]);
    });

    it("reports an alternate used although the request it replaces is met", () => {
      const problem = tinyProblem();
      problem.requests.find((r) => r.studentId === "100001" && r.courseId === "MUSIC")!.alternateFor = "ART";
      expect(expectOnly(problem, tinyRoster(), "alternate-only-if-primary-unmet")).toEqual([
        "student 100001 is in section MUSIC-1 of alternate course MUSIC, yet also in section ART-1 of ART, the course it replaces",
      ]);
    });

    it("accepts an alternate used when the request it replaces is unmet", () => {
      const problem = tinyProblem();
      const rosters = tinyRoster();
      // 100003 drops ELA7 (then listed) to take ART, the alternate of the unmet DRAMA.
      unenroll(rosters, "100003", "ELA7-1");
      enroll(rosters, "100003", "ART-1");
      unlist(rosters, "100003", "DRAMA");
      rosters[0].unscheduled.push({
        studentId: "100003",
        courseId: "ELA7",
        priority: 1,
        reason: "traded_for_higher_priority",
      });
      expect(validateRoster(problem, rosters)).toEqual([]);
    });
  });

  describe("the unscheduled list", () => {
    it("reports an unmet primary request that unscheduled does not list", () => {
      const rosters = tinyRoster();
      unlist(rosters, "100005", "ELA7");
      expect(expectOnly(tinyProblem(), rosters, "unscheduled-list")).toEqual([
        "student 100005's request for course ELA7 (priority 1) is unmet but not listed in unscheduled",
      ]);
    });

    it("reports a listed request that is in fact met", () => {
      const rosters = tinyRoster();
      rosters[0].unscheduled.push({ studentId: "100004", courseId: "MATH7", priority: 1, reason: "no_seat" });
      expect(expectOnly(tinyProblem(), rosters, "unscheduled-list")).toEqual([
        "unscheduled lists course MATH7 for student 100004, who is in its section MATH7-1",
      ]);
    });

    it("reports a listed request that its alternate meets", () => {
      const rosters = tinyRoster();
      unenroll(rosters, "100003", "ELA7-1");
      enroll(rosters, "100003", "ART-1");
      rosters[0].unscheduled.push({
        studentId: "100003",
        courseId: "ELA7",
        priority: 1,
        reason: "traded_for_higher_priority",
      });
      expect(expectOnly(tinyProblem(), rosters, "unscheduled-list")).toEqual([
        "unscheduled lists course DRAMA for student 100003, whose alternate ART is met by section ART-1",
      ]);
    });

    it("reports a listed course that is only an alternate, or listed with the wrong priority", () => {
      const rosters = tinyRoster();
      rosters[0].unscheduled.push({ studentId: "100003", courseId: "ART", priority: 3, reason: "period_conflict" });
      rosters[0].unscheduled.find((u) => u.studentId === "100005" && u.courseId === "MATH7")!.priority = 2;
      expect(expectOnly(tinyProblem(), rosters, "unscheduled-list").sort()).toEqual([
        "unscheduled lists course ART for student 100003, who has no primary request for it",
        "unscheduled lists course MATH7 for student 100005 with priority 2, but the request's priority is 1",
      ]);
    });
  });

  describe("structure of the roster", () => {
    it("reports an enrollment in a section the school does not have", () => {
      const rosters = tinyRoster();
      enroll(rosters, "100004", "NOPE-1");
      expect(expectOnly(tinyProblem(), rosters, "unknown-section")).toEqual([
        "student 100004 is enrolled in section NOPE-1, which the school does not have",
      ]);
    });

    it("reports a placement of a section the school does not have", () => {
      const rosters = tinyRoster();
      rosters[0].sections.push({ sectionId: "NOPE-1", period: 1 });
      expect(expectOnly(tinyProblem(), rosters, "unknown-section")).toHaveLength(1);
    });

    it("reports an enrollment of a student the school does not have", () => {
      const rosters = tinyRoster();
      enroll(rosters, "999999", "MATH6-1");
      expect(expectOnly(tinyProblem(), rosters, "unknown-student")).toEqual([
        "the roster enrolls student 999999 in section MATH6-1, but the school has no such student",
      ]);
    });

    it("reports a student enrolled twice in the same section", () => {
      const rosters = tinyRoster();
      enroll(rosters, "100004", "MATH7-1");
      expect(expectOnly(tinyProblem(), rosters, "duplicate-enrollment")).toEqual([
        "student 100004 is enrolled in section MATH7-1 more than once",
      ]);
    });

    it("reports an enrollment listed twice even when it names a student the school does not have", () => {
      const rosters = tinyRoster();
      enroll(rosters, "999999", "MATH6-1");
      enroll(rosters, "999999", "MATH6-1");
      const violations = validateRoster(tinyProblem(), rosters);
      expect(violations.filter((v) => v.constraint === "duplicate-enrollment").map((v) => v.message)).toEqual([
        "student 999999 is enrolled in section MATH6-1 more than once",
      ]);
    });

    it("reports a student enrolled in a section that has no period", () => {
      const rosters = tinyRoster();
      delete placement(rosters, "DRAMA-1").period;
      expect(expectOnly(tinyProblem(), rosters, "enrollment-in-unplaced-section")).toEqual([
        "section DRAMA-1 has no period yet holds 1 student(s): 100002",
      ]);
    });

    it("reports a section placed in a period outside 1..periods", () => {
      const rosters = tinyRoster();
      placement(rosters, "DRAMA-1").period = 4;
      expect(expectOnly(tinyProblem(), rosters, "period-out-of-range")).toEqual([
        "section DRAMA-1 is placed in period 4, but the school's periods are 1 to 3",
      ]);
    });

    it("reports a placement that changes a given room of a section that is not locked", () => {
      const rosters = tinyRoster();
      placement(rosters, "MATH6-1").roomId = "Studio";
      expect(expectOnly(tinyProblem(), rosters, "given-placement-changed")).toEqual([
        "section MATH6-1 was given its room but the roster changed room A1 to Studio",
      ]);
    });

    it("reports a placement that drops a given period", () => {
      const rosters = tinyRoster();
      delete placement(rosters, "MUSIC-1").period;
      unenroll(rosters, "100001", "MUSIC-1");
      unenroll(rosters, "100005", "MUSIC-1");
      rosters[0].unscheduled.push(
        { studentId: "100001", courseId: "MUSIC", priority: 2, reason: "no_eligible_section" },
        { studentId: "100005", courseId: "MUSIC", priority: 2, reason: "no_eligible_section" },
      );
      expect(expectOnly(tinyProblem(), rosters, "given-placement-changed")).toEqual([
        "section MUSIC-1 was given its period but the roster changed period 2 to nothing",
      ]);
    });

    it("reports an assigned teacher who is not qualified for the section's course", () => {
      const problem = tinyProblem();
      delete section(problem, "DRAMA-1").teacherId;
      const rosters = tinyRoster();
      // T-1 is free in period 2, and no room is needed where none was given.
      Object.assign(placement(rosters, "DRAMA-1"), { period: 2, teacherId: "T-1", roomId: undefined });
      expect(expectOnly(problem, rosters, "teacher-qualified")).toEqual([
        "teacher T-1 was assigned to section DRAMA-1 of course DRAMA but is qualified only for MATH6, MATH7",
      ]);
    });

    it("reports a placement naming a teacher or a room the school does not have", () => {
      const rosters = tinyRoster();
      placement(rosters, "DRAMA-1").roomId = "Z9";
      expect(expectOnly(tinyProblem(), rosters, "unknown-room")).toEqual([
        "section DRAMA-1 is placed in room Z9, which the school does not have",
      ]);
      const others = tinyRoster();
      placement(others, "ELA7-SDC").coTeacherId = "T-99";
      expect(expectOnly(tinyProblem(), others, "unknown-teacher")).toEqual([
        "section ELA7-SDC has co-teacher T-99, who is not a teacher of the school",
      ]);
    });

    it("reports a section of the problem missing from the roster", () => {
      const problem = tinyProblem();
      problem.sections.push({ ...section(problem, "DRAMA-1"), sectionId: "DRAMA-2" });
      expect(expectOnly(problem, tinyRoster(), "missing-section")).toEqual([
        "section DRAMA-2 of the problem is missing from the roster",
      ]);
    });

    it("reports a section placed twice", () => {
      const rosters = tinyRoster();
      rosters[0].sections.push({ ...placement(rosters, "DRAMA-1") });
      expect(expectOnly(tinyProblem(), rosters, "duplicate-section")).toHaveLength(1);
    });

    it("reports a roster for a school the problem does not have, and a school without a roster", () => {
      const rosters = [...tinyRoster(), { schoolId: "HS-999", sections: [], enrollments: [], unscheduled: [] }];
      const unknown = validateRoster(tinyProblem(), rosters);
      expect(unknown).toEqual([
        {
          constraint: "unknown-school",
          schoolId: "HS-999",
          message: "a roster is given for school HS-999, which the problem does not have",
        },
      ]);
      expect(validateRoster(tinyProblem(), [])).toEqual([
        { constraint: "missing-roster", schoolId: "MS-101", message: "school MS-101 of the problem has no roster" },
      ]);
    });
  });
});

describe("validateSchoolRoster: one school, as a district is checked school by school", () => {
  /** A roster of the tiny school broken in many ways at once. */
  function brokenRoster(): SchoolRoster[] {
    const rosters = tinyRoster();
    enroll(rosters, "100001", "ELA6-1");
    enroll(rosters, "100004", "MATH7-1");
    enroll(rosters, "999999", "MATH6-1");
    enroll(rosters, "999999", "MATH6-1");
    enroll(rosters, "100002", "NO-SUCH-SECTION");
    enroll(rosters, "100002", "ART-1");
    unlist(rosters, "100001", "ELA6");
    placement(rosters, "DRAMA-1").period = 2;
    return rosters;
  }

  it("finds what validateRoster finds on the school alone, in the same order with the same messages", () => {
    const problem = tinyProblem();
    const [school] = groupBySchool(problem);
    const rosters = brokenRoster();
    const expected = validateRoster(problem, rosters);
    expect(constraints(expected).length).toBeGreaterThan(5);
    expect(validateSchoolRoster(school!, rosters[0]!)).toEqual(expected);
    expect(validateSchoolRoster(school!, tinyRoster()[0]!)).toEqual([]);
  });

  it("finds the same violations however the students' enrollments and requests are interleaved", () => {
    const [school] = groupBySchool(tinyProblem());
    const text = (violations: Violation[]) => violations.map((v) => `${v.constraint}: ${v.message}`).sort();
    const roster = brokenRoster()[0]!;
    const expected = text(validateSchoolRoster(school!, roster));
    // Round robin over the students, each student's rows kept in their order: the first row of
    // every student, then the second of each, and so on, so that no student's rows are side by side.
    const interleave = <T extends { studentId: string }>(rows: T[]) => {
      const byStudent = new Map<string, T[]>();
      for (const row of rows) byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row]);
      const lists = [...byStudent.values()].reverse();
      const longest = Math.max(...lists.map((list) => list.length));
      return Array.from({ length: longest }, (_, k) =>
        lists.flatMap((list) => (k < list.length ? [list[k]!] : [])),
      ).flat();
    };
    const interleaved = { ...school!, requests: interleave(school!.requests) };
    expect(interleaved.requests[0]!.studentId).not.toBe(interleaved.requests[1]!.studentId);
    const violations = validateSchoolRoster(interleaved, { ...roster, enrollments: interleave(roster.enrollments) });
    expect(text(violations)).toEqual(expected);
  });

  it("checks a roster of another school, or rows of another school, as validateRoster does", () => {
    const [school] = groupBySchool(tinyProblem());
    const elsewhere = { ...tinyRoster()[0]!, schoolId: "HS-999" };
    expect(validateSchoolRoster(school!, elsewhere)).toEqual(validateRoster(joinSchools([school!]), [elsewhere]));
    expect(constraints(validateSchoolRoster(school!, elsewhere))).toEqual(["unknown-school", "missing-roster"]);
    const stray = { ...school!, students: [...school!.students, { ...school!.students[0]!, schoolId: "HS-999" }] };
    expect(validateSchoolRoster(stray, brokenRoster()[0]!)).toEqual(
      validateRoster(joinSchools([stray]), brokenRoster()),
    );
  });
});
