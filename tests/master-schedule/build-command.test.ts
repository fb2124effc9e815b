import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateProblem } from "../../fixtures/generate.ts";
import { registerBuild } from "../../src/cli/commands/build.ts";
import { readProblem } from "../../src/io/interchange/read-problem.ts";
import { writeProblem } from "../../src/io/interchange/write-problem.ts";

/** Runs `mse build ...args` in this process; returns what it printed and the exit code it set. */
async function mseBuild(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command("mse").exitOverride();
  registerBuild(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(["node", "mse", "build", ...args]);
    return { code: Number(process.exitCode ?? 0), out: out.join("\n"), err: err.join("\n") };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    error.mockRestore();
  }
}

describe("mse build", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-build-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("fills every empty period and writes the problem back with the conflict matrix and a report", async () => {
    const input = path.join(work, "tiny");
    const out = path.join(work, "tiny-built");
    await writeProblem(input, generateProblem("tiny", 1, { unplacedShare: 1 }));
    const result = await mseBuild("--input", input, "--out", out, "--seed", "3");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/MS-0101: \d+ section\(s\) placed, 0 unplaced/);

    const { problem } = await readProblem(out);
    expect(problem.sections.length).toBeGreaterThan(0);
    expect(problem.sections.filter((s) => s.period === undefined)).toEqual([]);
    const matrix = (await readFile(path.join(out, "conflict-matrix.csv"), "utf8")).trimEnd().split("\n");
    expect(matrix[0]).toBe("school_id,course_a,course_b,students");
    expect(matrix.length).toBeGreaterThan(2);
    const report = JSON.parse(await readFile(path.join(out, "build-report.json"), "utf8"));
    expect(report.schools[0]).toMatchObject({ schoolId: "MS-0101", sectionsUnplaced: 0, method: "full" });
  });

  it("rejects a school that cannot be built, says why, and writes nothing", async () => {
    const input = path.join(work, "overloaded");
    const problem = generateProblem("tiny", 2, { unplacedShare: 1 });
    const teacher = problem.teachers[0];
    teacher.unavailablePeriods = [1, 2, 3, 4];
    teacher.maxSections = 99;
    for (const section of problem.sections.filter((s) => s.setting === "general").slice(0, 3))
      section.teacherId = teacher.teacherId;
    await writeProblem(input, problem);
    const result = await mseBuild("--input", input, "--out", path.join(work, "overloaded-built"));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      new RegExp(
        `MS-0101: teacher "${teacher.teacherId}" has \\d+ sections in term S1 but only 1 periods \\(4 unavailable\\)`,
      ),
    );
    expect(result.err).toMatch(/rejected: \d+ reason\(s\)/);
    expect((await readdir(work)).filter((f) => f.startsWith("overloaded-built"))).toEqual([]);
  });
});
