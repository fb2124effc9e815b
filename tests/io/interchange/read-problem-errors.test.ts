import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProblemFolderError, ProblemInputError } from "../../../src/io/interchange/problem-input-error.ts";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { appendLines, copyTiny, linesOf, rejectionOf, setLine, tempDir } from "./tiny-copy.ts";

/** A second school, so that references into the wrong school can be tried. */
async function addSecondSchool(dir: string): Promise<void> {
  await appendLines(dir, "schools.csv", "HS-2,Second High,high,9,12,6,"); // line 3
  await appendLines(dir, "courses.csv", "HS-2,PHYS,Physics,9,12,SCI,1"); // line 9
  await appendLines(dir, "teachers.csv", "HS-2,T-9,Ada,Lovelace,5,150,,false,"); // line 6
  await appendLines(dir, "rooms.csv", "HS-2,Lab,30"); // line 5
  await appendLines(dir, "sections.csv", "HS-2,PHYS-1,PHYS,30,T-9,,Lab,1,,,,"); // line 10
  await appendLines(dir, "students.csv", "HS-2,200001,9,Grace,Hopper,false,F"); // line 7
}

describe("readProblem rejects bad input, naming file, line and column", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await copyTiny(dir);
  });
  afterEach(() => cleanup());

  it("accepts the same course, room and section IDs in two schools (they are unique per school)", async () => {
    await addSecondSchool(dir);
    await appendLines(dir, "courses.csv", "HS-2,MATH6,Math 6 again,9,12,MATH,1");
    await appendLines(dir, "rooms.csv", "HS-2,A1,30");
    await appendLines(dir, "sections.csv", "HS-2,MATH6-1,MATH6,30,T-9,,A1,2,,,,");
    const { problem } = await readProblem(dir);
    expect(problem.schools.map((s) => s.schoolId)).toEqual(["MS-101", "HS-2"]);
    expect(problem.sections.at(-1)?.terms).toEqual(["Y"]);
  });

  it("throws a ProblemInputError whose message lists each issue as file:line: column: message", async () => {
    await setLine(dir, "sections.csv", 3, "MS-101,MATH7-1,MATH9,28,T-1,T-3,A1,3,S1;S2,co_taught,4,false");
    const error = await readProblem(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemInputError);
    const { issues, message } = error as ProblemInputError;
    expect(issues).toEqual([
      { file: "sections.csv", line: 3, column: "course_id", message: 'unknown course "MATH9" in school "MS-101"' },
    ]);
    expect(message).toContain('sections.csv:3: course_id: unknown course "MATH9" in school "MS-101"');
  });

  it("rejects a duplicate school_id", async () => {
    await appendLines(dir, "schools.csv", "MS-101,Copy,middle,6,8,3,S1;S2");
    expect(await rejectionOf(dir)).toEqual(['schools.csv:3: school_id: duplicate school "MS-101" (first on line 2)']);
  });

  it("rejects a duplicate student_id, even in another school", async () => {
    await addSecondSchool(dir);
    await appendLines(dir, "students.csv", "HS-2,100001,10,Other,Person,false,M");
    expect(await rejectionOf(dir)).toEqual([
      'students.csv:8: student_id: duplicate student "100001" (first on line 2)',
    ]);
  });

  it("rejects a duplicate teacher_id, even in another school", async () => {
    await addSecondSchool(dir);
    await appendLines(dir, "teachers.csv", "HS-2,T-1,Ann,Other,5,150,,false,");
    expect(await rejectionOf(dir)).toEqual(['teachers.csv:7: teacher_id: duplicate teacher "T-1" (first on line 2)']);
  });

  it("rejects a duplicate course_id within a school", async () => {
    await appendLines(dir, "courses.csv", "MS-101,ART,Art again,6,8,ELEC,1");
    expect(await rejectionOf(dir)).toEqual([
      'courses.csv:9: course_id: duplicate course "ART" in school "MS-101" (first on line 6)',
    ]);
  });

  it("rejects a duplicate section_id within a school", async () => {
    await appendLines(dir, "sections.csv", "MS-101,ART-1,ART,24,T-4,,Studio,1,S1,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:10: section_id: duplicate section "ART-1" in school "MS-101" (first on line 7)',
    ]);
  });

  it("rejects a duplicate room_id within a school", async () => {
    await appendLines(dir, "rooms.csv", "MS-101,A2,25");
    expect(await rejectionOf(dir)).toEqual([
      'rooms.csv:5: room_id: duplicate room "A2" in school "MS-101" (first on line 3)',
    ]);
  });

  it("rejects rows of an unknown school", async () => {
    await appendLines(dir, "rooms.csv", "MS-999,B1,20");
    expect(await rejectionOf(dir)).toEqual(['rooms.csv:5: school_id: unknown school "MS-999"']);
  });

  it("rejects a section whose course is unknown", async () => {
    await setLine(dir, "sections.csv", 7, "MS-101,ART-1,ARTS,24,T-4,,Studio,2,S1,general,,false");
    expect(await rejectionOf(dir)).toEqual(['sections.csv:7: course_id: unknown course "ARTS" in school "MS-101"']);
  });

  it("rejects a section of a course of another school, saying where the course is", async () => {
    await addSecondSchool(dir);
    await setLine(dir, "sections.csv", 7, "MS-101,ART-1,PHYS,24,T-4,,Studio,2,S1,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:7: course_id: unknown course "PHYS" in school "MS-101" (found in school "HS-2")',
    ]);
  });

  it("rejects a section whose teacher is unknown or teaches in another school", async () => {
    await addSecondSchool(dir);
    await setLine(dir, "sections.csv", 2, "MS-101,MATH6-1,MATH6,28,T-99,,A1,1,S1;S2,general,,false");
    await setLine(dir, "sections.csv", 5, "MS-101,ELA7-1,ELA7,28,T-9,,A2,2,S1;S2,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:2: teacher_id: unknown teacher "T-99" in school "MS-101"',
      'sections.csv:5: teacher_id: unknown teacher "T-9" in school "MS-101" (found in school "HS-2")',
    ]);
  });

  it("rejects a section whose co-teacher is unknown", async () => {
    await setLine(dir, "sections.csv", 3, "MS-101,MATH7-1,MATH7,28,T-1,T-33,A1,3,S1;S2,co_taught,4,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:3: co_teacher_id: unknown teacher "T-33" in school "MS-101"',
    ]);
  });

  it("rejects a section whose room is unknown in its school", async () => {
    await addSecondSchool(dir);
    await setLine(dir, "sections.csv", 8, "MS-101,MUSIC-1,MUSIC,24,T-4,,Lab,2,S2,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:8: room_id: unknown room "Lab" in school "MS-101" (found in school "HS-2")',
    ]);
  });

  it("rejects a section period outside 1..the school's periods", async () => {
    await setLine(dir, "sections.csv", 8, "MS-101,MUSIC-1,MUSIC,24,T-4,,Studio,4,S2,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:8: period: period 4 is outside 1..3, the periods of school "MS-101"',
    ]);
  });

  it("rejects a teacher's unavailable period outside the school's periods", async () => {
    await setLine(dir, "teachers.csv", 3, "MS-101,T-2,Kwame,D'Souza,3,90,3;5,false,ELA6;ELA7");
    expect(await rejectionOf(dir)).toEqual([
      'teachers.csv:3: unavailable_periods: period 5 is outside 1..3, the periods of school "MS-101"',
    ]);
  });

  it("rejects a teacher qualified for a course the school does not offer", async () => {
    await setLine(dir, "teachers.csv", 2, "MS-101,T-1,Ana,Núñez,3,90,,false,MATH6;CALC");
    expect(await rejectionOf(dir)).toEqual([
      'teachers.csv:2: qualified_courses: unknown course "CALC" in school "MS-101"',
    ]);
  });

  it("rejects section terms that are not terms of the school", async () => {
    await setLine(dir, "sections.csv", 7, "MS-101,ART-1,ART,24,T-4,,Studio,2,S1;Q3,general,,false");
    expect(await rejectionOf(dir)).toEqual([
      'sections.csv:7: terms: term "Q3" is not a term of school "MS-101" (S1;S2)',
    ]);
  });

  it("rejects a request for an unknown student", async () => {
    await setLine(dir, "requests.csv", 9, "MS-101,100099,MATH7,1,,,");
    expect(await rejectionOf(dir)).toEqual(['requests.csv:9: student_id: unknown student "100099" in school "MS-101"']);
  });

  it("rejects a request for an unknown course", async () => {
    await setLine(dir, "requests.csv", 5, "MS-101,100001,CHOIR,2,,,");
    expect(await rejectionOf(dir)).toEqual(['requests.csv:5: course_id: unknown course "CHOIR" in school "MS-101"']);
  });

  it("rejects a student of one school requesting a course in another", async () => {
    await addSecondSchool(dir);
    await appendLines(dir, "requests.csv", "HS-2,100001,PHYS,1,,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:18: student_id: unknown student "100001" in school "HS-2" (found in school "MS-101")',
    ]);
  });

  it("rejects a student's request in another school even right after a valid request of theirs", async () => {
    await addSecondSchool(dir);
    const lines = await linesOf(dir, "requests.csv");
    lines.splice(3, 0, "HS-2,100001,PHYS,1,,,"); // between 100001's MATH6 and ELA6
    await writeFile(join(dir, "requests.csv"), lines.join("\n"));
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:4: student_id: unknown student "100001" in school "HS-2" (found in school "MS-101")',
    ]);
  });

  it("rejects a request in one school for the next student of students.csv, who is in another", async () => {
    await addSecondSchool(dir); // 200001 of HS-2 on the line after 100005
    await appendLines(dir, "requests.csv", "MS-101,200001,MATH7,1,,,"); // right after 100005's requests
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:18: student_id: unknown student "200001" in school "MS-101" (found in school "HS-2")',
    ]);
  });

  it("checks a request for a student listed twice against the student's first line", async () => {
    await addSecondSchool(dir);
    await appendLines(dir, "students.csv", "HS-2,100001,10,Other,Person,false,M"); // line 8, after 200001
    await appendLines(dir, "requests.csv", "HS-2,200001,PHYS,1,,,", "HS-2,100001,PHYS,1,,,");
    expect(await rejectionOf(dir)).toEqual([
      'students.csv:8: student_id: duplicate student "100001" (first on line 2)',
      'requests.csv:19: student_id: unknown student "100001" in school "HS-2" (found in school "MS-101")',
    ]);
  });

  it("rejects an alternate_for naming a course the student did not request", async () => {
    await setLine(dir, "requests.csv", 12, "MS-101,100003,ART,3,MUSIC,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:12: alternate_for: student "100003" did not request course "MUSIC"',
    ]);
  });

  it("accepts an alternate listed before its primary", async () => {
    const lines = await linesOf(dir, "requests.csv");
    // Move 100003's ART (alternate for DRAMA) above their DRAMA request.
    [lines[10], lines[11]] = [lines[11], lines[10]];
    await writeFile(join(dir, "requests.csv"), lines.join("\n"));
    const { problem } = await readProblem(dir);
    expect(problem.requests[9]).toMatchObject({ courseId: "ART", alternateFor: "DRAMA" });
  });

  it("accepts an alternate whose primary is listed apart from the student's other requests", async () => {
    const lines = await linesOf(dir, "requests.csv");
    // 100003's DRAMA (line 11) moves to the end, after other students' rows.
    const [drama] = lines.splice(10, 1);
    await writeFile(join(dir, "requests.csv"), [...lines, drama].join("\n"));
    const { problem } = await readProblem(dir);
    expect(problem.requests.at(-1)).toMatchObject({ studentId: "100003", courseId: "DRAMA" });
  });

  it("rejects an alternate, apart from the student's other rows, whose primary was never requested", async () => {
    await appendLines(dir, "requests.csv", "MS-101,100003,MUSIC,4,CHOIR,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:18: alternate_for: student "100003" did not request course "CHOIR"',
    ]);
  });

  it("rejects a request that is an alternate for its own course", async () => {
    await setLine(dir, "requests.csv", 12, "MS-101,100003,ART,3,ART,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:12: alternate_for: a request cannot be an alternate for its own course "ART"',
    ]);
  });

  it("rejects two alternates that replace each other: no primary is left, and no roster could keep constraint 9", async () => {
    await setLine(dir, "requests.csv", 11, "MS-101,100003,DRAMA,2,ART,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:11: alternate_for: the alternates of student "100003" go round in a circle: "DRAMA" (line 11) -> "ART" (line 12) -> "DRAMA" (line 11); one of them must be a primary request (empty alternate_for)',
    ]);
  });

  it("rejects a circle of three alternates, once, even when the student's rows are scattered", async () => {
    await setLine(dir, "requests.csv", 4, "MS-101,100001,ART,2,MUSIC,,");
    await setLine(dir, "requests.csv", 5, "MS-101,100001,MUSIC,2,DRAMA,,");
    await appendLines(dir, "requests.csv", "MS-101,100001,DRAMA,3,ART,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:4: alternate_for: the alternates of student "100001" go round in a circle: "ART" (line 4) -> "MUSIC" (line 5) -> "DRAMA" (line 18) -> "ART" (line 4); one of them must be a primary request (empty alternate_for)',
    ]);
  });

  it("accepts a chain of alternates that ends in a primary", async () => {
    await setLine(dir, "requests.csv", 4, "MS-101,100001,ART,2,MUSIC,,");
    await setLine(dir, "requests.csv", 5, "MS-101,100001,MUSIC,2,MATH6,,");
    await expect(readProblem(dir)).resolves.toBeDefined();
  });

  it("rejects duplicates and circles alike for a student with dozens of requests", async () => {
    await setLine(dir, "requests.csv", 16, "MS-101,100005,ELA7,1,MUSIC,,");
    await setLine(dir, "requests.csv", 17, "MS-101,100005,MUSIC,2,ELA7,,");
    await appendLines(dir, "requests.csv", ...Array.from({ length: 33 }, () => "MS-101,100005,ELA7,2,,,"));
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:16: alternate_for: the alternates of student "100005" go round in a circle: "ELA7" (line 16) -> "MUSIC" (line 17) -> "ELA7" (line 16); one of them must be a primary request (empty alternate_for)',
      ...Array.from(
        { length: 33 },
        (_, i) =>
          `requests.csv:${18 + i}: course_id: student "100005" already requests course "ELA7" on line 16; each course once`,
      ),
    ]);
  });

  it("rejects a course requested twice by one student, next to each other or apart", async () => {
    await setLine(dir, "requests.csv", 3, "MS-101,100001,MATH6,2,,,");
    await appendLines(dir, "requests.csv", "MS-101,100003,ELA7,3,,,");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:3: course_id: student "100001" already requests course "MATH6" on line 2; each course once',
      'requests.csv:18: course_id: student "100003" already requests course "ELA7" on line 10; each course once',
    ]);
  });

  it("rejects a locked_section_id naming an unknown section", async () => {
    await setLine(dir, "requests.csv", 7, "MS-101,100002,ELA6,1,,co_taught,ELA6-9");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:7: locked_section_id: unknown section "ELA6-9" in school "MS-101"',
    ]);
  });

  it("rejects a locked_section_id naming a section of another course", async () => {
    await setLine(dir, "requests.csv", 7, "MS-101,100002,ELA6,1,,co_taught,MATH6-1");
    expect(await rejectionOf(dir)).toEqual([
      'requests.csv:7: locked_section_id: section "MATH6-1" is a section of course "MATH6", not "ELA6"',
    ]);
  });

  it("rejects an avoid pair naming an unknown student", async () => {
    await setLine(dir, "avoid.csv", 2, "MS-101,100003,100077");
    expect(await rejectionOf(dir)).toEqual([
      'avoid.csv:2: other_student_id: unknown student "100077" in school "MS-101"',
    ]);
  });

  it("rejects an avoid pair of a student with themselves", async () => {
    await appendLines(dir, "avoid.csv", "MS-101,100001,100001");
    expect(await rejectionOf(dir)).toEqual([
      'avoid.csv:3: other_student_id: student "100001" cannot be kept apart from themselves',
    ]);
  });

  it("rejects a course whose grade_low is above its grade_high", async () => {
    await setLine(dir, "courses.csv", 3, "MS-101,MATH7,Math 7,8,7,MATH,1");
    expect(await rejectionOf(dir)).toEqual(["courses.csv:3: grade_low: grade_low 8 is above grade_high 7"]);
  });

  it("rejects a school whose grade_low is above its grade_high", async () => {
    await setLine(dir, "schools.csv", 2, "MS-101,Owls,middle,8,6,3,S1;S2");
    const issues = await rejectionOf(dir);
    expect(issues[0]).toBe("schools.csv:2: grade_low: grade_low 8 is above grade_high 6");
  });

  it("rejects a student whose grade is outside the school's grades", async () => {
    await setLine(dir, "students.csv", 5, "MS-101,100004,9,Nguyễn,Thị Mai,true,F");
    expect(await rejectionOf(dir)).toEqual([
      'students.csv:5: grade: grade 9 is outside grades 6..8 of school "MS-101"',
    ]);
  });

  it("rejects a file missing a required column, once on line 1, without a report per row", async () => {
    const lines = await linesOf(dir, "rooms.csv");
    await writeFile(join(dir, "rooms.csv"), lines.map((l) => l.split(",").slice(0, 2).join(",")).join("\n"));
    expect(await rejectionOf(dir)).toEqual(["rooms.csv:1: capacity: required column is missing"]);
  });

  it("rejects a header naming a column twice", async () => {
    await setLine(dir, "rooms.csv", 1, "school_id,room_id,room_id");
    expect(await rejectionOf(dir)).toEqual([
      "rooms.csv:1: room_id: column appears more than once in the header",
      "rooms.csv:1: capacity: required column is missing",
    ]);
  });

  it("rejects a missing required file, and an empty one", async () => {
    await rm(join(dir, "teachers.csv"));
    await writeFile(join(dir, "rooms.csv"), "");
    expect(await rejectionOf(dir)).toEqual([
      "teachers.csv:0: required file is missing",
      "rooms.csv:1: file is empty: the header row is missing",
    ]);
  });

  it("reads a problem without avoid.csv, which is optional", async () => {
    await rm(join(dir, "avoid.csv"));
    expect((await readProblem(dir)).problem.avoid).toEqual([]);
  });

  it("rejects a row with more or fewer cells than the header", async () => {
    await setLine(dir, "rooms.csv", 3, "MS-101,A2");
    expect(await rejectionOf(dir)).toEqual(["rooms.csv:3: row has 2 cells but the header has 3"]);
  });

  it("rejects malformed CSV (an unclosed quote) with the line csv-parse stopped at", async () => {
    await setLine(dir, "courses.csv", 4, 'MS-101,ELA6,"English 6,6,6,ELA,1');
    const issues = await rejectionOf(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^courses\.csv:\d+: not valid CSV: .*quote/);
  });

  it("rejects an empty required cell", async () => {
    await setLine(dir, "requests.csv", 3, "MS-101,100001,,1,,,");
    expect(await rejectionOf(dir)).toEqual(["requests.csv:3: course_id: is required"]);
  });
});

describe("readProblem refuses bytes and folders it cannot trust, naming where", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await copyTiny(dir);
  });
  afterEach(() => cleanup());

  /** Replaces `text` in a file by raw bytes. */
  async function putBytes(file: string, text: string, bytes: Buffer): Promise<void> {
    const original = await readFile(join(dir, file));
    const at = original.indexOf(text);
    if (at < 0) throw new Error(`${file} has no ${text}`);
    await writeFile(
      join(dir, file),
      Buffer.concat([original.subarray(0, at), bytes, original.subarray(at + Buffer.byteLength(text))]),
    );
  }

  it("refuses a file saved as Latin-1 instead of reading its accents as U+FFFD", async () => {
    await putBytes("students.csv", "Siobhán", Buffer.from("Siobhán", "latin1"));
    expect(await rejectionOf(dir)).toEqual([
      "students.csv:2: given_name: byte 0xE1 is not UTF-8 (a file saved as Latin-1 or Windows-1252?); save the file as UTF-8",
    ]);
  });

  it("refuses invalid UTF-8 bytes and a character cut short at the end of the file", async () => {
    await putBytes("courses.csv", "Math 6", Buffer.from([0x4d, 0xff, 0xfe]));
    const lines = await readFile(join(dir, "avoid.csv"));
    await writeFile(join(dir, "avoid.csv"), Buffer.concat([lines, Buffer.from([0xe2, 0x82])]));
    const issues = await rejectionOf(dir);
    expect(issues[0]).toMatch(/^courses\.csv:\d+: title: byte 0xFF is not UTF-8/);
    expect(issues[1]).toMatch(/^avoid\.csv:\d+: (school_id: )?byte 0xE2 is not UTF-8/);
  });

  it("refuses a NUL or another control character in a name, on the line and in the column it is in", async () => {
    await putBytes("students.csv", "Siobhán", Buffer.from("Siob\u0000hán"));
    await putBytes("teachers.csv", "T-2", Buffer.from("T-\u001b2"));
    const issues = await rejectionOf(dir);
    expect(issues).toContain("students.csv:2: given_name: holds the control character U+0000 (NUL); remove it");
    expect(issues).toContain("teachers.csv:3: teacher_id: holds the control character U+001B; remove it");
  });

  it("reads a character split across the reader's chunks, and a line break inside a quoted name, as the text they are", async () => {
    const line = `MS-101,100001,6,${"é".repeat(700_000)},"O'Brien\nsecond line",false,F`;
    await setLine(dir, "students.csv", 2, line);
    const { problem } = await readProblem(dir);
    expect(problem.students[0].givenName).toBe("é".repeat(700_000));
  });

  it("names a folder standing where a file should be", async () => {
    await rm(join(dir, "students.csv"));
    await mkdir(join(dir, "students.csv"));
    expect(await rejectionOf(dir)).toContain("students.csv:0: is a folder, not a file");
  });

  it("says once that the input folder does not exist, or is a file", async () => {
    await expect(readProblem(join(dir, "nowhere"))).rejects.toThrow(
      new ProblemFolderError(join(dir, "nowhere"), "no such folder"),
    );
    await expect(readProblem(join(dir, "schools.csv"))).rejects.toThrow(/is a file, not a folder of CSV files/);
  });

  it("refuses a problem whose files hold headers only: scheduling it would replace a roster with an empty one", async () => {
    for (const file of [
      "schools.csv",
      "courses.csv",
      "teachers.csv",
      "rooms.csv",
      "sections.csv",
      "students.csv",
      "requests.csv",
      "avoid.csv",
    ]) {
      await writeFile(join(dir, file), `${(await linesOf(dir, file))[0]}\n`);
    }
    expect(await rejectionOf(dir)).toEqual([
      "schools.csv:0: has no schools: nothing to schedule",
      "students.csv:0: has no students: nothing to schedule",
    ]);
  });
});
