import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import { readRoster } from "../../../src/io/oneroster/read-roster.ts";
import { writeRoster } from "../../../src/io/oneroster/write-roster.ts";
import { tinyProblem, tinyRoster } from "../../check/tiny-problem.ts";
import { csvHeader, csvRecords, oneRoster, sortedRosters, withTempDir } from "./roster-dir.ts";

const options = { schoolYear: 2026 };

describe("writeRoster then readRoster", () => {
  it("reads back exactly the rosters written, order aside", async () => {
    await withTempDir(async (dir) => {
      const rosters = tinyRoster();
      await writeRoster(dir, tinyProblem(), rosters, {}, options);
      expect(sortedRosters(await readRoster(dir))).toEqual(sortedRosters(rosters));
    });
  });

  it("round-trips an unplaced section with no teacher and no room, and a section with only a co-teacher", async () => {
    await withTempDir(async (dir) => {
      const rosters = tinyRoster();
      rosters[0].enrollments = rosters[0].enrollments.filter((e) => e.sectionId !== "DRAMA-1");
      rosters[0].sections = rosters[0].sections.map((s) =>
        s.sectionId === "DRAMA-1"
          ? { sectionId: "DRAMA-1" }
          : s.sectionId === "ART-1"
            ? { sectionId: "ART-1", period: 2, coTeacherId: "T-3" }
            : s,
      );
      await writeRoster(dir, tinyProblem(), rosters, {}, options);
      const read = await readRoster(dir);
      expect(sortedRosters(read)).toEqual(sortedRosters(rosters));
      expect(read[0].sections.find((s) => s.sectionId === "DRAMA-1")).toEqual({ sectionId: "DRAMA-1" });
    });
  });

  it('lists every period of a multi-period section in classes.periods ("3,4") and reads its first back', async () => {
    await withTempDir(async (dir) => {
      const problem = tinyProblem();
      problem.sections.find((s) => s.sectionId === "DRAMA-1")!.length = 2;
      const rosters = tinyRoster();
      rosters[0].sections = rosters[0].sections.map((s) => (s.sectionId === "DRAMA-1" ? { ...s, period: 2 } : s));
      await writeRoster(dir, problem, rosters, {}, options);
      const drama = (await csvRecords(oneRoster(dir), "classes.csv")).find((c) => c.classCode === "DRAMA-1")!;
      expect(drama.periods).toBe("2,3");
      expect((await readRoster(dir))[0].sections.find((s) => s.sectionId === "DRAMA-1")!.period).toBe(2);
    });
  });

  it("exports only the schools given a roster, so a one-school run reads back as one school", async () => {
    await withTempDir(async (dir) => {
      const problem = tinyProblem();
      problem.schools.push({ ...problem.schools[0], schoolId: "HS-200", name: "High" });
      problem.students.push({ schoolId: "HS-200", studentId: "200001", grade: 9, iep: false });
      await writeRoster(dir, problem, tinyRoster(), {}, options);
      expect((await readRoster(dir)).map((r) => r.schoolId)).toEqual(["MS-101"]);
      expect((await csvRecords(oneRoster(dir), "users.csv")).map((u) => u.identifier)).not.toContain("200001");
    });
  });
});

describe("writeRoster output", () => {
  it('writes names in users.csv byte for byte (O\'Brien, Nguyễn, "Smith, Jr.")', async () => {
    await withTempDir(async (dir) => {
      const problem = tinyProblem();
      await writeRoster(dir, problem, tinyRoster(), {}, options);
      const users = await csvRecords(oneRoster(dir), "users.csv");
      const names = new Map(users.map((u) => [u.identifier, [u.givenName, u.familyName]]));
      for (const person of [
        ...problem.students.map((s) => ({ id: s.studentId, ...s })),
        ...problem.teachers.map((t) => ({ id: t.teacherId, ...t })),
      ]) {
        expect(names.get(person.id)).toEqual([person.givenName, person.familyName]);
      }
      const bytes = await readFile(join(oneRoster(dir), "users.csv"));
      expect(bytes.includes(Buffer.from("Siobhán,O'Brien", "utf8"))).toBe(true);
      expect(bytes.includes(Buffer.from("Nguyễn,Thị Mai", "utf8"))).toBe(true);
      expect(bytes.includes(Buffer.from('Li,"Smith, Jr."', "utf8"))).toBe(true);
    });
  });

  it("writes a OneRoster 1.2 bulk manifest naming the files present", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, options);
      const manifest = new Map(
        (await csvRecords(oneRoster(dir), "manifest.csv")).map((r) => [r.propertyName, r.value]),
      );
      expect(manifest.get("manifest.version")).toBe("1.0");
      expect(manifest.get("oneroster.version")).toBe("1.2");
      for (const file of ["academicSessions", "orgs", "courses", "classes", "users", "roles", "enrollments"]) {
        expect(manifest.get(`file.${file}`)).toBe("bulk");
      }
      for (const file of ["demographics", "categories", "lineItems", "results", "resources", "userProfiles"]) {
        expect(manifest.get(`file.${file}`)).toBe("absent");
      }
      expect(await csvHeader(oneRoster(dir), "manifest.csv")).toEqual(["propertyName", "value"]);
    });
  });

  it("keys classes to the input: classCode = section_id, periods, terms, room, school", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, options);
      expect(await csvHeader(oneRoster(dir), "classes.csv")).toEqual([
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
      ]);
      const math7 = (await csvRecords(oneRoster(dir), "classes.csv")).find((c) => c.classCode === "MATH7-1")!;
      expect(math7).toMatchObject({
        sourcedId: "MS-101/MATH7-1",
        courseSourcedId: "MS-101/course/MATH7",
        classType: "scheduled",
        location: "A1",
        schoolSourcedId: "MS-101",
        termSourcedIds: "MS-101/term/S1,MS-101/term/S2",
        periods: "3",
        grades: "07,08",
        status: "",
        dateLastModified: "",
      });
      const raw = await readFile(join(oneRoster(dir), "classes.csv"), "utf8");
      expect(raw).toContain('"MS-101/term/S1,MS-101/term/S2"');
    });
  });

  it("enrolls teachers as primary, co-teachers as teacher with primary = false, students by student_id", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, options);
      const math7 = (await csvRecords(oneRoster(dir), "enrollments.csv")).filter(
        (e) => e.classSourcedId === "MS-101/MATH7-1",
      );
      expect(math7.map((e) => [e.userSourcedId, e.role, e.primary, e.schoolSourcedId])).toEqual([
        ["T-1", "teacher", "true", "MS-101"],
        ["T-3", "teacher", "false", "MS-101"],
        ["100003", "student", "false", "MS-101"],
        ["100004", "student", "false", "MS-101"],
      ]);
      expect(new Set(math7.map((e) => e.sourcedId)).size).toBe(4);
    });
  });

  it("writes orgs (district and schools), academic sessions, courses and roles", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, options);
      const orgs = await csvRecords(oneRoster(dir), "orgs.csv");
      expect(orgs.map((o) => [o.sourcedId, o.type, o.parentSourcedId])).toEqual([
        ["district", "district", ""],
        ["MS-101", "school", "district"],
      ]);
      expect(orgs[1].name).toBe(`Dolores O'Hara Middle School, "Home of the Owls"`);
      const sessions = await csvRecords(oneRoster(dir), "academicSessions.csv");
      expect(
        sessions.map((s) => [s.sourcedId, s.type, s.title, s.startDate, s.endDate, s.parentSourcedId, s.schoolYear]),
      ).toEqual([
        ["district/schoolYear/2026", "schoolYear", "2026", "2025-07-01", "2026-07-01", "", "2026"],
        ["MS-101/term/S1", "term", "S1", "2025-07-01", "2025-12-30", "district/schoolYear/2026", "2026"],
        ["MS-101/gradingPeriod/S1", "gradingPeriod", "S1", "2025-07-01", "2025-12-30", "MS-101/term/S1", "2026"],
        ["MS-101/term/S2", "term", "S2", "2025-12-30", "2026-07-01", "district/schoolYear/2026", "2026"],
        ["MS-101/gradingPeriod/S2", "gradingPeriod", "S2", "2025-12-30", "2026-07-01", "MS-101/term/S2", "2026"],
      ]);
      const courses = await csvRecords(oneRoster(dir), "courses.csv");
      expect(courses.find((c) => c.courseCode === "MUSIC")).toMatchObject({
        sourcedId: "MS-101/course/MUSIC",
        title: "Música",
        orgSourcedId: "MS-101",
        grades: "06,07,08",
      });
      const roles = await csvRecords(oneRoster(dir), "roles.csv");
      expect(roles).toHaveLength(9);
      expect(roles.find((r) => r.userSourcedId === "T-4")).toMatchObject({
        role: "teacher",
        roleType: "primary",
        orgSourcedId: "MS-101",
      });
      expect(roles.find((r) => r.userSourcedId === "100004")).toMatchObject({
        role: "student",
        orgSourcedId: "MS-101",
      });
    });
  });

  it("writes unscheduled.csv and a pretty report.json beside the OneRoster files", async () => {
    await withTempDir(async (dir) => {
      const report = { schools: [{ schoolId: "MS-101", requestsMet: 11 }], timeMs: 12 };
      await writeRoster(dir, tinyProblem(), tinyRoster(), report, options);
      expect(await csvHeader(dir, "unscheduled.csv")).toEqual([
        "school_id",
        "student_id",
        "course_id",
        "priority",
        "reason",
      ]);
      expect((await csvRecords(dir, "unscheduled.csv"))[0]).toEqual({
        school_id: "MS-101",
        student_id: "100001",
        course_id: "ELA6",
        priority: "1",
        reason: "period_conflict",
      });
      const text = await readFile(join(dir, "report.json"), "utf8");
      expect(JSON.parse(text)).toEqual(report);
      expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
    });
  });

  it("refuses a roster of a school the problem does not have, writing nothing", async () => {
    await withTempDir(async (dir) => {
      const rosters: SchoolRoster[] = [{ schoolId: "NOPE", sections: [], enrollments: [], unscheduled: [] }];
      await expect(writeRoster(join(dir, "out"), tinyProblem(), rosters, {})).rejects.toThrow(
        'roster of unknown school "NOPE"',
      );
      await expect(readFile(join(oneRoster(join(dir, "out")), "manifest.csv"))).rejects.toThrow();
    });
  });
});

/** Two schools whose IDs would collide under a naive "school:section" join, with awkward characters. */
function awkwardProblem(): { problem: Problem; rosters: SchoolRoster[] } {
  const problem: Problem = {
    schools: [],
    courses: [],
    teachers: [],
    rooms: [],
    sections: [],
    students: [],
    requests: [],
    avoid: [],
  };
  const rosters: SchoolRoster[] = [];
  const layouts: [string, string, string, string][] = [
    // school, section, course, term: "a:b" + "c" and "a" + "b:c" both naive-join to "a:b:c".
    ["a:b", "c", "x,y", 'T "1"'],
    ["a", "b:c", "x", "y,T 1"],
    ["d/e", 'sec "q", 1', "c/d", "S:1"],
  ];
  for (const [index, [schoolId, sectionId, courseId, term]] of layouts.entries()) {
    problem.schools.push({
      schoolId,
      name: `School ${index}`,
      kind: "high",
      gradeLow: 9,
      gradeHigh: 12,
      periods: 6,
      terms: [term, "S%2"],
    });
    problem.courses.push({ schoolId, courseId, title: "Course", gradeLow: 9, gradeHigh: 12 });
    problem.sections.push({
      schoolId,
      sectionId,
      courseId,
      capacity: 30,
      terms: [term, "S%2"],
      setting: "general",
      locked: false,
    });
    const teacherId = `t:${index},"x"`;
    const studentId = `s/${index}:"y", z`;
    problem.teachers.push({
      schoolId,
      teacherId,
      unavailablePeriods: [],
      specialEducation: false,
      qualifiedCourses: [],
    });
    problem.rooms.push({ schoolId, roomId: `room, ${index}`, capacity: 30 });
    problem.students.push({ schoolId, studentId, grade: 10, iep: false });
    problem.requests.push({ schoolId, studentId, courseId, priority: 1 });
    rosters.push({
      schoolId,
      sections: [{ sectionId, period: index + 1, teacherId, roomId: `room, ${index}` }],
      enrollments: [{ studentId, sectionId }],
      unscheduled: [],
    });
  }
  return { problem, rosters };
}

describe("sourcedIds of IDs holding ':' '/' ',' and quotes: name-based UUIDs", () => {
  it("gives every class, course, term and enrollment a distinct sourcedId", async () => {
    await withTempDir(async (dir) => {
      const { problem, rosters } = awkwardProblem();
      await writeRoster(dir, problem, rosters, {}, options);
      for (const file of [
        "classes.csv",
        "courses.csv",
        "academicSessions.csv",
        "enrollments.csv",
        "roles.csv",
        "users.csv",
      ]) {
        const ids = (await csvRecords(oneRoster(dir), file)).map((r) => r.sourcedId);
        expect(new Set(ids).size, file).toBe(ids.length);
      }
      const classes = await csvRecords(oneRoster(dir), "classes.csv");
      expect(classes.map((c) => c.classCode)).toEqual(["c", "b:c", 'sec "q", 1']);
      for (const row of classes)
        expect(row.sourcedId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const termIds = new Set((await csvRecords(oneRoster(dir), "academicSessions.csv")).map((s) => s.sourcedId));
      for (const row of classes) {
        const terms = row.termSourcedIds.split(",");
        expect(terms).toHaveLength(2);
        for (const term of terms) expect(termIds.has(term)).toBe(true);
      }
    });
  });

  it("reads the awkward rosters back unchanged", async () => {
    await withTempDir(async (dir) => {
      const { problem, rosters } = awkwardProblem();
      await writeRoster(dir, problem, rosters, {}, options);
      expect(sortedRosters(await readRoster(dir))).toEqual(sortedRosters(rosters));
    });
  });
});

describe("readRoster on a malformed roster directory", () => {
  async function withBrokenFile(file: string, edit: (text: string) => string, expected: string | RegExp) {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, options);
      const path = file === "unscheduled.csv" ? join(dir, file) : join(oneRoster(dir), file);
      await writeFile(path, edit(await readFile(path, "utf8")));
      await expect(readRoster(dir)).rejects.toThrow(expected);
    });
  }

  it("names classes.csv and the line of a period that is not a number", async () => {
    await withBrokenFile(
      "classes.csv",
      (text) => text.replace(/,3\n/, ",third\n"),
      /^classes\.csv:3: periods: "third" is not a period number/,
    );
  });

  it("names enrollments.csv and the line of an enrollment in an unknown class", async () => {
    await withBrokenFile(
      "enrollments.csv",
      (text) => text.replace("MS-101/MATH6-1,MS-101,T-1", "MS-101/NOPE,MS-101,T-1"),
      /^enrollments\.csv:2: classSourcedId: "MS-101\/NOPE" is not a class/,
    );
  });

  it("names unscheduled.csv and the line of an unknown reason", async () => {
    await withBrokenFile(
      "unscheduled.csv",
      (text) => text.replace("avoid_conflict", "bad luck"),
      /^unscheduled\.csv:5: reason: "bad luck" is not one of/,
    );
  });

  it("names a class given two primary teachers", async () => {
    await withBrokenFile(
      "enrollments.csv",
      (text) => text.replace(/(MS-101\/MATH7-1,MS-101,T-3,teacher,)false/, "$1true"),
      /^enrollments\.csv:4: userSourcedId: class "MS-101\/MATH7-1" already has a primary teacher, "T-1"/,
    );
  });

  it("names a missing required column and a missing file", async () => {
    await withBrokenFile(
      "classes.csv",
      (text) => text.replace("classCode", "code"),
      "classes.csv:1: missing column classCode",
    );
    await withTempDir(async (dir) => {
      await expect(readRoster(dir)).rejects.toThrow(/^orgs\.csv: file not found/);
    });
  });

  it("counts lines of cells that span several lines, and skips empty lines", async () => {
    await withTempDir(async (dir) => {
      const problem = tinyProblem();
      problem.courses.find((c) => c.courseId === "MATH6")!.title = 'Math\r\n6,\nfirst "year"';
      await writeRoster(dir, problem, tinyRoster(), {}, options);
      const path = join(oneRoster(dir), "classes.csv");
      const text = (await readFile(path, "utf8"))
        .replace("MS-101/MATH7-1,", "\nMS-101/MATH7-1,")
        .replace(/,3\n/, ",x\n");
      await writeFile(path, text);
      // Header 1, MATH6-1 on lines 2-4, an empty line 5, MATH7-1 on line 6.
      await expect(readRoster(dir)).rejects.toThrow(/^classes\.csv:6: periods: "x"/);
    });
  });

  it("names the line of a row with too few cells", async () => {
    await withBrokenFile(
      "unscheduled.csv",
      (text) => `${text}MS-101,100009,ELA7\n`,
      "unscheduled.csv:7: 3 cells, but the header has 5 columns",
    );
  });

  it("names the line of a row that breaks CSV quoting", async () => {
    await withBrokenFile(
      "unscheduled.csv",
      (text) => `${text}MS-101,"100009,ELA7,1,no_seat\n`,
      /^unscheduled\.csv(:\d+)?: .*quote/i,
    );
  });
});
