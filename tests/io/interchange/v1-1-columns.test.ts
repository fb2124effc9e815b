import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { writeProblem } from "../../../src/io/interchange/write-problem.ts";
import { appendLines, copyTiny, rejectionOf, setLine, tempDir, TINY } from "./tiny-copy.ts";

describe("the v1.1 columns: lunch periods, teams, links and section lengths", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await copyTiny(dir);
  });
  afterEach(() => cleanup());

  it("reads the tiny example's lunch periods, team, link and double period, and writes them back", async () => {
    const { problem } = await readProblem(TINY);
    expect(problem.schools[0]!.lunchPeriods).toEqual([1, 2]);
    expect(problem.students.filter((s) => s.teamId === "Falcons").map((s) => s.studentId)).toEqual([
      "100001",
      "100002",
    ]);
    expect(problem.sections.find((s) => s.sectionId === "MATH6-1")!.teamId).toBe("Falcons");
    expect(problem.sections.filter((s) => s.linkId === "ARTS").map((s) => s.sectionId)).toEqual(["ART-1", "DRAMA-1"]);
    expect(problem.sections.find((s) => s.sectionId === "DRAMA-1")!.length).toBe(2);
    await writeProblem(join(dir, "out"), problem);
    expect((await readProblem(join(dir, "out"))).problem).toEqual(problem);
  });

  it("keeps a v1 problem v1: no lunch rule, no team, no link, every section one period long, and writes no v1.1 column", async () => {
    await setLine(dir, "schools.csv", 1, "school_id,name,kind,grade_low,grade_high,periods,terms");
    await setLine(
      dir,
      "schools.csv",
      2,
      `MS-101,"Dolores O'Hara Middle School, ""Home of the Owls""",middle,6,8,3,S1;S2`,
    );
    const { problem } = await readProblem(dir);
    const v1 = {
      ...problem,
      students: problem.students.map(({ teamId: _t, ...s }) => s),
      sections: problem.sections.map(({ teamId: _t, linkId: _l, length: _n, ...s }) => s),
    };
    await writeProblem(join(dir, "out"), v1);
    const header = (file: string) => readFile(join(dir, "out", file), "utf8").then((t) => t.split("\n")[0]);
    expect(await header("schools.csv")).toBe("school_id,name,kind,grade_low,grade_high,periods,terms");
    expect(await header("sections.csv")).not.toMatch(/team_id|link_id|length/);
    expect(await header("students.csv")).not.toContain("team_id");
    expect((await readProblem(join(dir, "out"))).problem.schools[0]!.lunchPeriods).toBeUndefined();
  });

  it("rejects lunch periods outside the school's day", async () => {
    await setLine(
      dir,
      "schools.csv",
      2,
      `MS-101,"Dolores O'Hara Middle School, ""Home of the Owls""",middle,6,8,3,S1;S2,2;4`,
    );
    expect(await rejectionOf(dir)).toEqual([
      `schools.csv:2: lunch_periods: period 4 is outside 1..3, the periods of school "MS-101"`,
    ]);
  });

  it("rejects a length that runs past the school's day, or is longer than it", async () => {
    await setLine(dir, "sections.csv", 3, "MS-101,MATH7-1,MATH7,28,T-1,T-3,A1,3,S1;S2,co_taught,4,false,,,2");
    await setLine(dir, "sections.csv", 9, "MS-101,DRAMA-1,DRAMA,24,T-4,,,,S1;S2,general,,false,,ARTS,4");
    expect(await rejectionOf(dir)).toEqual([
      `sections.csv:3: length: length 2 from period 3 runs past period 3, the last of school "MS-101"`,
      `sections.csv:9: length: length 4 is longer than the 3 periods of school "MS-101"`,
    ]);
  });

  it("rejects a section whose team has no students in its school", async () => {
    await setLine(dir, "sections.csv", 4, "MS-101,ELA6-1,ELA6,28,T-2,T-3,A2,1,S1;S2,co_taught,4,true,Owls,,");
    expect(await rejectionOf(dir)).toEqual([`sections.csv:4: team_id: team "Owls" has no students in school "MS-101"`]);
  });

  it("rejects linked sections that no student could take together: the same period, two teams, no common grade", async () => {
    await setLine(dir, "sections.csv", 2, "MS-101,MATH6-1,MATH6,28,T-1,,A1,1,S1;S2,general,,false,Falcons,SIX,");
    await setLine(dir, "sections.csv", 4, "MS-101,ELA6-1,ELA6,28,T-2,T-3,A2,1,S1;S2,co_taught,4,true,,SIX,");
    await setLine(
      dir,
      "sections.csv",
      3,
      "MS-101,MATH7-1,MATH7,28,T-1,T-3,A1,3,S1;S2,co_taught,4,false,Falcons,SEVEN,",
    );
    await setLine(dir, "sections.csv", 5, "MS-101,ELA7-1,ELA7,28,T-2,,A2,2,S1;S2,general,,false,Eagles,SEVEN,");
    await setLine(dir, "students.csv", 4, "MS-101,100003,7,D'Angelo,L'Heureux,false,M,Eagles");
    await appendLines(dir, "sections.csv", "MS-101,ART-9,ART,24,,,,,S1,general,,false,,SIX,");
    const issues = await rejectionOf(dir);
    expect(issues).toEqual([
      `sections.csv:4: link_id: sections "MATH6-1" and "ELA6-1" of link "SIX" cannot meet together: both meet in period 1 of term "S1"`,
      `sections.csv:5: link_id: sections "MATH7-1" and "ELA7-1" of link "SEVEN" cannot meet together: they belong to teams "Falcons" and "Eagles"`,
    ]);
  });

  it("rejects linked sections of courses with no grade in common", async () => {
    await setLine(dir, "sections.csv", 2, "MS-101,MATH6-1,MATH6,28,T-1,,A1,1,S1;S2,general,,false,Falcons,MIX,");
    await setLine(dir, "sections.csv", 3, "MS-101,MATH7-1,MATH7,28,T-1,T-3,A1,3,S1;S2,co_taught,4,false,,MIX,");
    expect(await rejectionOf(dir)).toEqual([
      `sections.csv:3: link_id: sections "MATH6-1" and "MATH7-1" of link "MIX" cannot meet together: courses "MATH6" and "MATH7" have no grade in common`,
    ]);
  });
});
