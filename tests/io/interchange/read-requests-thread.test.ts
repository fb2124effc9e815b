import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writePreset } from "../../../fixtures/write-preset.ts";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { ProblemInputError } from "../../../src/io/interchange/problem-input-error.ts";
import { appendLines, copyTiny, linesOf, setLine, tempDir, TINY } from "./tiny-copy.ts";

/** What reading `dir` gives: the problem and warnings, or the refusal's issues and whether they were cut short. */
async function outcomeOf(dir: string, options: { maxIssues?: number; requestsThreadFromBytes: number }) {
  try {
    return { read: await readProblem(dir, options) };
  } catch (error) {
    if (error instanceof ProblemInputError) return { issues: error.issues, truncated: error.truncated };
    throw error;
  }
}

/** Reads `dir` with requests.csv on a thread and without; expects the same outcome, and returns it. */
async function sameEitherWay(dir: string, maxIssues?: number) {
  const onThread = await outcomeOf(dir, { maxIssues, requestsThreadFromBytes: 0 });
  const here = await outcomeOf(dir, { maxIssues, requestsThreadFromBytes: Infinity });
  expect(onThread).toStrictEqual(here);
  return onThread;
}

describe("students.csv and requests.csv read on a thread of their own", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  it("gives the same problem as the one-thread read on the tiny example", async () => {
    const outcome = await sameEitherWay(TINY);
    expect(outcome.read?.problem.requests).toHaveLength(16);
  });

  it("gives the same problem as the one-thread read on a generated district of 20,000 students", async () => {
    await writePreset("district-small", 2, dir);
    const outcome = await sameEitherWay(dir);
    expect(outcome.read?.problem.students.length).toBeGreaterThan(10_000);
  });

  it("names the same file, line and column for errors in requests.csv, with the warnings of its header", async () => {
    await copyTiny(dir);
    const [header] = await linesOf(dir, "requests.csv");
    await setLine(dir, "requests.csv", 1, `${header},note`);
    const lines = await linesOf(dir, "requests.csv");
    await writeFile(
      join(dir, "requests.csv"),
      lines.map((line, i) => (i === 0 ? line : `${line},x`)).join("\n") + "\n",
    );
    const first = await appendLines(
      dir,
      "requests.csv",
      "MS-101,100001,MATH6,zero,,,,x", // priority not a number (zod's message)
      "MS-101,100009,ART,1,,,,x", // unknown student
      "MS-101,100002,ART,1,,", // too few cells
      '"MS-101","100003","MUSIC",4,"",,,"a ""quoted"", note"', // quotes: read apart from the plain lines
      "MS-101,100004,MATH7,1,,,,x", // asked twice
      "",
      "MS-101,100005,NOPE,1,,,,x", // unknown course
    );
    const outcome = await sameEitherWay(dir);
    const found = outcome.issues?.map((issue) => `${issue.file}:${issue.line}: ${issue.column}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `requests.csv:${first}: priority`,
        `requests.csv:${first + 1}: student_id`,
        `requests.csv:${first + 2}: `,
        `requests.csv:${first + 6}: course_id`,
      ]),
    );
  });

  it("names the same line and column for errors in students.csv, and the requests of a refused student", async () => {
    await copyTiny(dir);
    const first = await appendLines(
      dir,
      "students.csv",
      "MS-101,100006,14,Ana,Ruiz,false,F", // grade out of range
      "MS-101,100007,7,Ana", // too few cells
      "MS-101,100001,7,Ana,Ruiz,maybe,F", // duplicate student, bad iep
      "MS-999,100008,7,Ana,Ruiz,false,F", // unknown school
    );
    await appendLines(
      dir,
      "requests.csv",
      "MS-101,100006,ART,1,,,",
      "MS-101,100007,ART,1,,,",
      "MS-101,100008,ART,1,,,",
    );
    const outcome = await sameEitherWay(dir);
    const found = outcome.issues?.map((issue) => `${issue.file}:${issue.line}: ${issue.column}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `students.csv:${first}: grade`,
        `students.csv:${first + 1}: `,
        `students.csv:${first + 2}: iep`,
        `students.csv:${first + 3}: school_id`,
      ]),
    );
  });

  it("stops at the same issue cap, with the same issues, as the one-thread read", async () => {
    await copyTiny(dir);
    await appendLines(dir, "requests.csv", ...Array.from({ length: 50 }, (_, i) => `MS-101,9${i},ART,1,,,`));
    await appendLines(dir, "requests.csv", ...Array.from({ length: 50 }, () => `MS-101,100001,ART`));
    await appendLines(dir, "students.csv", ...Array.from({ length: 20 }, (_, i) => `MS-101,8${i},7`));
    for (const maxIssues of [1, 7, 25, 60, 1000]) {
      const outcome = await sameEitherWay(dir, maxIssues);
      expect(outcome.issues?.length).toBe(Math.min(maxIssues, 120));
      expect(outcome.truncated).toBe(maxIssues < 120);
    }
  });

  it("reports a byte that is not UTF-8 in requests.csv where the one-thread read does", async () => {
    await copyTiny(dir);
    await appendLines(dir, "requests.csv", "MS-101,100001,ART,1,,,");
    const file = join(dir, "requests.csv");
    const text = (await linesOf(dir, "requests.csv")).join("\n") + "\n";
    await writeFile(file, Buffer.concat([Buffer.from(text), Buffer.from([0x4d, 0xe9, 0x2c, 0x0a])]));
    const outcome = await sameEitherWay(dir);
    expect(outcome.issues?.[0]?.message).toMatch(/not UTF-8/);
  });

  it("reports an empty requests.csv as the one-thread read does", async () => {
    await copyTiny(dir);
    await writeFile(join(dir, "requests.csv"), "");
    const outcome = await sameEitherWay(dir);
    expect(outcome.issues?.[0]).toMatchObject({ file: "requests.csv", line: 1 });
  });
});
