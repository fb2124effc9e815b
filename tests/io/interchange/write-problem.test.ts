import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../../src/domain/problem.ts";
import { groupBySchool } from "../../../src/domain/group-by-school.ts";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { createProblemWriter, writeProblem } from "../../../src/io/interchange/write-problem.ts";
import { tempDir, TINY } from "./tiny-copy.ts";

/** Names that have broken systems before: quotes, separators, line breaks, any script. */
const NASTY = [
  `O'Brien`,
  `"Smith, Jr."`,
  `He said "hi", then left`,
  `Nguyễn Thị Mai`,
  `José-María D'Angelo`,
  `line one\nline two`,
  `windows\r\nbreak`,
  `  padded  `,
  `=SUM(A1)`,
  `李小龙 🦉 Ünïcödé`,
  `semi;colon`,
  `"`,
];

/** A two-school problem using every column, with nasty text wherever text is free. */
function nastyProblem(): Problem {
  return {
    schools: [
      {
        schoolId: 'E\'1, "north"',
        name: NASTY[2],
        kind: "elementary",
        gradeLow: -1,
        gradeHigh: 5,
        periods: 6,
        terms: ["Y"],
      },
      { schoolId: "HS 2", name: NASTY[3], kind: "high", gradeLow: 9, gradeHigh: 12, periods: 8, terms: ["S1", "S2"] },
    ],
    courses: [
      {
        schoolId: 'E\'1, "north"',
        courseId: "K READ",
        title: NASTY[5],
        gradeLow: -1,
        gradeHigh: 0,
        subject: undefined,
        credits: undefined,
      },
      {
        schoolId: "HS 2",
        courseId: "ALG,1",
        title: NASTY[6],
        gradeLow: 9,
        gradeHigh: 10,
        subject: "MATH",
        credits: 0.5,
      },
    ],
    teachers: [
      {
        schoolId: 'E\'1, "north"',
        teacherId: "T'1",
        givenName: NASTY[0],
        familyName: NASTY[1],
        maxSections: undefined,
        maxStudents: 0,
        unavailablePeriods: [1, 6],
        specialEducation: true,
        qualifiedCourses: ["K READ"],
      },
      {
        schoolId: "HS 2",
        teacherId: 'T"2',
        givenName: undefined,
        familyName: NASTY[9],
        maxSections: 5,
        maxStudents: undefined,
        unavailablePeriods: [],
        specialEducation: false,
        qualifiedCourses: [],
      },
    ],
    rooms: [{ schoolId: "HS 2", roomId: 'Room "B", 2nd floor', capacity: 0 }],
    sections: [
      {
        schoolId: 'E\'1, "north"',
        sectionId: "K READ-1",
        courseId: "K READ",
        capacity: 20,
        teacherId: "T'1",
        coTeacherId: undefined,
        roomId: undefined,
        period: undefined,
        terms: ["Y"],
        setting: "sdc",
        iepCapacity: 0,
        locked: false,
      },
      {
        schoolId: "HS 2",
        sectionId: "ALG,1-1",
        courseId: "ALG,1",
        capacity: 30,
        teacherId: 'T"2',
        coTeacherId: 'T"2',
        roomId: 'Room "B", 2nd floor',
        period: 8,
        terms: ["S2"],
        setting: "co_taught",
        iepCapacity: undefined,
        locked: true,
      },
    ],
    students: NASTY.map((name, i) => ({
      schoolId: i % 2 === 0 ? 'E\'1, "north"' : "HS 2",
      studentId: `S-${i}-${name}`,
      grade: i % 2 === 0 ? -1 : 9,
      givenName: name,
      familyName: NASTY[NASTY.length - 1 - i],
      iep: i % 3 === 0,
      gender: i % 4 === 0 ? undefined : "X",
    })),
    requests: [
      {
        schoolId: 'E\'1, "north"',
        studentId: `S-0-${NASTY[0]}`,
        courseId: "K READ",
        priority: 1,
        alternateFor: undefined,
        requiredSetting: "sdc",
        lockedSectionId: "K READ-1",
      },
      {
        schoolId: "HS 2",
        studentId: `S-1-${NASTY[1]}`,
        courseId: "ALG,1",
        priority: 7,
        alternateFor: undefined,
        requiredSetting: undefined,
        lockedSectionId: undefined,
      },
    ],
    avoid: [{ schoolId: 'E\'1, "north"', studentId: `S-0-${NASTY[0]}`, otherStudentId: `S-2-${NASTY[2]}` }],
  };
}

describe("writeProblem", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it("writes the tiny example back byte for byte", async () => {
    const { problem } = await readProblem(TINY);
    await writeProblem(dir, problem);
    const files = (await readdir(TINY)).filter((f) => f.endsWith(".csv"));
    expect(files).toHaveLength(8);
    for (const file of files) {
      expect((await readFile(join(dir, file))).equals(await readFile(join(TINY, file))), file).toBe(true);
    }
  });

  it("round-trips a problem with quotes, commas, line breaks and any Unicode in IDs and names", async () => {
    const problem = nastyProblem();
    await writeProblem(dir, problem);
    const { problem: back, warnings } = await readProblem(dir);
    expect(warnings).toEqual([]);
    expect(back).toEqual(problem);
    for (const [i, student] of back.students.entries()) {
      expect(Buffer.from(student.givenName ?? "", "utf8").equals(Buffer.from(NASTY[i], "utf8"))).toBe(true);
    }
  });

  it("writes each name's UTF-8 bytes unchanged into the file", async () => {
    await writeProblem(dir, nastyProblem());
    const bytes = await readFile(join(dir, "students.csv"));
    for (const name of ["Nguyễn Thị Mai", "李小龙 🦉 Ünïcödé", "José-María D'Angelo"]) {
      expect(bytes.includes(Buffer.from(name, "utf8"))).toBe(true);
    }
  });

  it("writes school by school with createProblemWriter, and the files read back as the same schools", async () => {
    const problem = nastyProblem();
    const writer = await createProblemWriter(dir);
    for (const school of groupBySchool(problem)) await writer.writeSchool(school);
    await writer.close();
    const { problem: back } = await readProblem(dir);
    expect(groupBySchool(back)).toEqual(groupBySchool(problem));
  });

  it("writes an empty avoid list as a header-only avoid.csv", async () => {
    await writeProblem(dir, { ...nastyProblem(), avoid: [] });
    expect(await readFile(join(dir, "avoid.csv"), "utf8")).toBe("school_id,student_id,other_student_id\n");
    expect((await readProblem(dir)).problem.avoid).toEqual([]);
  });

  it("refuses an ID that a ;-separated list cell would split", async () => {
    const problem = nastyProblem();
    problem.teachers[0].qualifiedCourses = ["K;READ"];
    await expect(writeProblem(dir, problem)).rejects.toThrow(/teachers\.csv: cannot write "K;READ"/);
  });
});
