import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { appendLines, copyTiny, linesOf, rejectionOf, setLine, tempDir, TINY } from "./tiny-copy.ts";

describe("readProblem on the tiny example", () => {
  it("reads every file without errors or warnings", async () => {
    const { problem, warnings } = await readProblem(TINY);
    expect(warnings).toEqual([]);
    expect(problem.schools).toHaveLength(1);
    expect(problem.courses).toHaveLength(7);
    expect(problem.teachers).toHaveLength(4);
    expect(problem.rooms).toHaveLength(3);
    expect(problem.sections).toHaveLength(8);
    expect(problem.students).toHaveLength(5);
    expect(problem.requests).toHaveLength(16);
    expect(problem.avoid).toEqual([{ schoolId: "MS-101", studentId: "100003", otherStudentId: "100005" }]);
  });

  it("keeps the school's name with its apostrophe, comma and quotes, and its two terms", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.schools[0]).toEqual({
      schoolId: "MS-101",
      name: `Dolores O'Hara Middle School, "Home of the Owls"`,
      kind: "middle",
      gradeLow: 6,
      gradeHigh: 8,
      periods: 3,
      terms: ["S1", "S2"],
      lunchPeriods: [1, 2],
    });
  });

  it("keeps people's names byte for byte: accents, apostrophes, a comma", async () => {
    const { problem } = await readProblem(TINY);
    const student = (id: string) => problem.students.find((s) => s.studentId === id);
    expect(student("100004")).toEqual({
      schoolId: "MS-101",
      studentId: "100004",
      grade: 8,
      givenName: "Nguyễn",
      familyName: "Thị Mai",
      iep: true,
      gender: "F",
    });
    // The same UTF-8 bytes as in the file, not merely a string that looks alike (no normalization).
    const fileBytes = await readFile(join(TINY, "students.csv"));
    expect(fileBytes.includes(Buffer.from(student("100004")!.givenName!, "utf8"))).toBe(true);
    expect(student("100001")?.familyName).toBe("O'Brien");
    expect(student("100002")?.givenName).toBe("José-María");
    expect(problem.teachers.find((t) => t.teacherId === "T-4")?.familyName).toBe("Smith, Jr.");
  });

  it("reads teachers' lists and booleans: unavailable periods, special education, qualified courses", async () => {
    const { problem } = await readProblem(TINY);
    const [t1, t2, t3] = problem.teachers;
    expect(t1).toMatchObject({
      teacherId: "T-1",
      maxSections: 3,
      maxStudents: 90,
      qualifiedCourses: ["MATH6", "MATH7"],
    });
    expect(t2).toMatchObject({ teacherId: "T-2", unavailablePeriods: [3], specialEducation: false });
    expect(t3).toMatchObject({
      teacherId: "T-3",
      unavailablePeriods: [],
      specialEducation: true,
      qualifiedCourses: [],
    });
  });

  it("reads DRAMA-1 as a double-period section of the ARTS link with no period and no room, in both terms", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.sections.find((s) => s.sectionId === "DRAMA-1")).toEqual({
      schoolId: "MS-101",
      sectionId: "DRAMA-1",
      courseId: "DRAMA",
      capacity: 24,
      teacherId: "T-4",
      coTeacherId: undefined,
      roomId: undefined,
      period: undefined,
      terms: ["S1", "S2"],
      setting: "general",
      iepCapacity: undefined,
      locked: false,
      teamId: undefined,
      linkId: "ARTS",
      length: 2,
    });
  });

  it("reads the co-taught locked section and the request locked into it", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.sections.find((s) => s.sectionId === "ELA6-1")).toMatchObject({
      setting: "co_taught",
      coTeacherId: "T-3",
      iepCapacity: 4,
      period: 1,
      locked: true,
    });
    expect(problem.requests[5]).toEqual({
      schoolId: "MS-101",
      studentId: "100002",
      courseId: "ELA6",
      priority: 1,
      alternateFor: undefined,
      requiredSetting: "co_taught",
      lockedSectionId: "ELA6-1",
    });
  });

  it("reads the alternate: 100003's ART replaces DRAMA", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.requests[10]).toEqual({
      schoolId: "MS-101",
      studentId: "100003",
      courseId: "ART",
      priority: 3,
      alternateFor: "DRAMA",
      requiredSetting: undefined,
      lockedSectionId: undefined,
    });
  });

  it("reads decimal credits and accented titles", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.courses.find((c) => c.courseId === "MUSIC")).toEqual({
      schoolId: "MS-101",
      courseId: "MUSIC",
      title: "Música",
      gradeLow: 6,
      gradeHigh: 8,
      subject: "ELEC",
      credits: 0.5,
    });
  });
});

describe("readProblem's parsing rules", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await copyTiny(dir);
  });
  afterEach(() => cleanup());

  it("gives a section with an empty terms cell all of its school's terms", async () => {
    await setLine(dir, "sections.csv", 9, "MS-101,DRAMA-1,DRAMA,24,T-4,,,,,general,,false");
    const { problem } = await readProblem(dir);
    expect(problem.sections[7].terms).toEqual(["S1", "S2"]);
  });

  it("gives a school with an empty terms cell the single term Y", async () => {
    await setLine(dir, "schools.csv", 2, "MS-101,Owls,middle,6,8,3,");
    const sections = await linesOf(dir, "sections.csv");
    const [header, ...rows] = parse(sections.join("\n")) as string[][];
    const blanked = rows.map((r) => r.map((cell, i) => (header[i] === "terms" ? "" : cell)));
    await writeFile(join(dir, "sections.csv"), stringify([header, ...blanked]));
    const { problem } = await readProblem(dir);
    expect(problem.schools[0].terms).toEqual(["Y"]);
    expect(problem.sections.every((s) => s.terms.length === 1 && s.terms[0] === "Y")).toBe(true);
  });

  it("defaults an empty setting to general, locked to false and priority to 1", async () => {
    await setLine(dir, "sections.csv", 2, "MS-101,MATH6-1,MATH6,28,T-1,,A1,1,S1;S2,,,");
    await setLine(dir, "requests.csv", 4, "MS-101,100001,ART,,,,");
    const { problem } = await readProblem(dir);
    expect(problem.sections[0]).toMatchObject({ setting: "general", locked: false });
    expect(problem.requests[2].priority).toBe(1);
  });

  it("accepts TK and K (any case) as grades -1 and 0", async () => {
    await setLine(dir, "schools.csv", 2, "MS-101,Owls,span,TK,8,3,S1;S2");
    await setLine(dir, "courses.csv", 2, "MS-101,MATH6,Math 6,k,6,MATH,1");
    await setLine(dir, "students.csv", 2, "MS-101,100001,tk,Siobhán,O'Brien,false,F");
    const { problem } = await readProblem(dir);
    expect(problem.schools[0].gradeLow).toBe(-1);
    expect(problem.courses[0].gradeLow).toBe(0);
    expect(problem.students[0].grade).toBe(-1);
  });

  it("accepts true/false, 1/0 and yes/no in any case as booleans", async () => {
    await setLine(dir, "students.csv", 2, "MS-101,100001,6,Siobhán,O'Brien,YES,F,Falcons");
    await setLine(dir, "students.csv", 3, "MS-101,100002,6,José-María,García,1,M,Falcons");
    await setLine(dir, "students.csv", 4, "MS-101,100003,7,D'Angelo,L'Heureux,No,M");
    await setLine(dir, "students.csv", 5, "MS-101,100004,8,Nguyễn,Thị Mai,TRUE,F");
    await setLine(dir, "students.csv", 6, "MS-101,100005,7,Émilie,van der Berg,0,X");
    const { problem } = await readProblem(dir);
    expect(problem.students.map((s) => s.iep)).toEqual([true, true, false, true, false]);
  });

  it("trims list items and drops empty ones", async () => {
    await setLine(dir, "teachers.csv", 5, `MS-101,T-4,Li,"Smith, Jr.",3,90," 1 ;; 3;",false," ART ; ;MUSIC;DRAMA;"`);
    const { problem } = await readProblem(dir);
    expect(problem.teachers[3]).toMatchObject({
      unavailablePeriods: [1, 3],
      qualifiedCourses: ["ART", "MUSIC", "DRAMA"],
    });
  });

  it("reads a file that starts with a UTF-8 byte order mark", async () => {
    const text = await readFile(join(dir, "students.csv"));
    await writeFile(join(dir, "students.csv"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const { problem, warnings } = await readProblem(dir);
    expect(warnings).toEqual([]);
    expect(problem.students[0]).toMatchObject({ schoolId: "MS-101", studentId: "100001" });
  });

  it("reads columns in any order", async () => {
    const [header, ...rows] = parse(await readFile(join(dir, "sections.csv"))) as string[][];
    const order = header.map((_, i) => header.length - 1 - i);
    await writeFile(join(dir, "sections.csv"), stringify([header, ...rows].map((r) => order.map((i) => r[i]))));
    const reordered = await readProblem(dir);
    const original = await readProblem(TINY);
    expect(reordered.problem).toEqual(original.problem);
  });

  it("reads Windows line endings the same as Unix ones", async () => {
    for (const file of ["schools.csv", "teachers.csv", "requests.csv"]) {
      const lines = await linesOf(dir, file);
      await writeFile(join(dir, file), lines.join("\r\n") + "\r\n");
    }
    expect((await readProblem(dir)).problem).toEqual((await readProblem(TINY)).problem);
  });

  it("ignores an extra column with a warning naming file and column", async () => {
    const lines = await linesOf(dir, "students.csv");
    await writeFile(join(dir, "students.csv"), lines.map((l, i) => `${l},${i === 0 ? "nickname" : "x"}`).join("\n"));
    const { problem, warnings } = await readProblem(dir);
    expect(warnings).toEqual(['students.csv:1: extra column "nickname" ignored']);
    expect(problem.students[0]).not.toHaveProperty("nickname");
  });

  it("skips blank lines but still counts them in line numbers", async () => {
    const lines = await linesOf(dir, "rooms.csv");
    await writeFile(join(dir, "rooms.csv"), [lines[0], lines[1], "", lines[2], lines[3], "MS-101,A3,many"].join("\n"));
    expect(await rejectionOf(dir)).toEqual(['rooms.csv:6: capacity: must be a whole number of 0 or more; got "many"']);
  });

  it("reads a quoted cell spanning lines and keeps the line numbers of later rows right", async () => {
    await setLine(dir, "students.csv", 2, `MS-101,100001,6,Siobhán,"O'Brien\nsecond line",false,F`);
    await setLine(dir, "students.csv", 5, "MS-101,100003,7,D'Angelo,L'Heureux,maybe,M");
    // Line 2 now spans lines 2-3, so 100003 (edited as data row 3) sits on physical line 5.
    expect(await rejectionOf(dir)).toEqual(['students.csv:5: iep: must be true/false, 1/0 or yes/no; got "maybe"']);
    await setLine(dir, "students.csv", 5, "MS-101,100003,7,D'Angelo,L'Heureux,false,M");
    const { problem } = await readProblem(dir);
    expect(problem.students[0].familyName).toBe("O'Brien\nsecond line");
  });

  it("counts a quoted CRLF line break once in a file with Windows line endings", async () => {
    await setLine(dir, "students.csv", 2, `MS-101,100001,6,Siobhán,"O'Brien\r\nsecond line",false,F`);
    await setLine(dir, "students.csv", 7, "MS-101,100005,7,Émilie,van der Berg,false,X,,extra");
    const lines = await linesOf(dir, "students.csv");
    await writeFile(join(dir, "students.csv"), lines.join("\r\n").replace(/\r\r\n/g, "\r\n"));
    expect(await rejectionOf(dir)).toEqual(["students.csv:7: row has 9 cells but the header has 8"]);
  });

  it("reports every broken row of every file at once, in file and line order", async () => {
    await setLine(dir, "courses.csv", 3, "MS-101,MATH7,Math 7,7,13,MATH,1");
    await setLine(dir, "students.csv", 4, "MS-101,100003,seven,D'Angelo,L'Heureux,false,M");
    await setLine(dir, "students.csv", 6, "MS-101,100005,7,Émilie,van der Berg,perhaps,X");
    await setLine(dir, "requests.csv", 2, "MS-101,100001,MATH6,0,,,");
    await setLine(dir, "requests.csv", 14, "MS-101,100004,ELA7,1,,special,");
    await setLine(dir, "sections.csv", 3, "MS-101,MATH7-1,MATH7,-5,T-1,T-3,A1,3,S1;S2,co_taught,4,false");
    expect(await rejectionOf(dir)).toEqual([
      'courses.csv:3: grade_high: must be a grade from -1 (TK) to 12, TK or K; got "13"',
      'sections.csv:3: capacity: must be a whole number of 0 or more; got "-5"',
      'students.csv:4: grade: must be a grade from -1 (TK) to 12, TK or K; got "seven"',
      'students.csv:6: iep: must be true/false, 1/0 or yes/no; got "perhaps"',
      'requests.csv:2: priority: must be a whole number of 1 or more; got "0"',
      'requests.csv:14: required_setting: must be one of general, co_taught, sdc; got "special"',
    ]);
  });

  it("reports several wrong cells of one row, each with its column", async () => {
    await setLine(dir, "schools.csv", 2, "MS-101,,college,6,8,13,S1;S2");
    expect(await rejectionOf(dir)).toEqual([
      "schools.csv:2: name: is required",
      'schools.csv:2: kind: must be one of elementary, middle, high, span, continuation, special_education; got "college"',
      'schools.csv:2: periods: must be a whole number from 1 to 12; got "13"',
    ]);
  });

  it("does not report rows that refer to a row that is itself wrong", async () => {
    // MATH7's own row is broken; its sections and requests should not add "unknown course" noise.
    await setLine(dir, "courses.csv", 3, "MS-101,MATH7,Math 7,seven,8,MATH,1");
    expect(await rejectionOf(dir)).toEqual([
      'courses.csv:3: grade_low: must be a grade from -1 (TK) to 12, TK or K; got "seven"',
    ]);
  });

  it("appends rows with appendLines at the line it reports (test helper check)", async () => {
    expect(await appendLines(dir, "rooms.csv", "MS-101,A3,20")).toBe(5);
    expect((await readProblem(dir)).problem.rooms).toHaveLength(4);
  });
});
