import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mse as runMse, tiny } from "./support/mse.ts";

const mse = (...args: string[]) => runMse(args);

describe("mse, end to end", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-e2e-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("generates the high-school preset, schedules it and validates the roster", async () => {
    const problem = path.join(work, "hs");
    const roster = path.join(work, "hs-roster");
    expect((await mse("generate", "--preset", "high-school", "--seed", "1", "--out", problem)).code).toBe(0);
    const scheduled = await mse("schedule", "--input", problem, "--out", roster);
    expect(scheduled.stderr).toBe("");
    expect(scheduled.code).toBe(0);
    const validated = await mse("validate", "--input", problem, "--roster", roster);
    expect(validated.stdout).toMatch(/^valid:/);
    expect(validated.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(roster, "report.json"), "utf8"));
    expect(report.totals.students).toBeGreaterThan(2500);
  });

  it("runs the demo: a sample district imported into the embedded store, scheduled, published, exported and valid", async () => {
    const out = path.join(work, "demo-roster");
    const demo = await mse("demo", "--out", out, "--db", path.join(work, "demo.db"));
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/validator: every hard constraint holds/);
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
    expect(report.totals.schools).toBe(20);
  });

  it("schedules the hand-written tiny example and keeps its names byte for byte", async () => {
    const roster = path.join(work, "tiny-roster");
    expect((await mse("schedule", "--input", tiny, "--out", roster)).code).toBe(0);
    expect((await mse("validate", "--input", tiny, "--roster", roster)).code).toBe(0);
    const users = await readFile(path.join(roster, "oneroster", "users.csv"), "utf8");
    for (const name of ["O'Brien", "Nguyễn", "José-María", "D'Angelo", "L'Heureux", '"Smith, Jr."']) {
      expect(users).toContain(name);
    }
  });

  it("rejects a problem with broken rows with exit 2, names every broken row, and writes nothing", async () => {
    const problem = path.join(work, "broken");
    const out = path.join(work, "broken-roster");
    await cp(tiny, problem, { recursive: true });
    const students = await readFile(path.join(problem, "students.csv"), "utf8");
    await writeFile(
      path.join(problem, "students.csv"),
      students.replace("100001,6,", "100001,sixth,").replace("100005,7,", "100005,13,"),
    );
    const sections = await readFile(path.join(problem, "sections.csv"), "utf8");
    await writeFile(path.join(problem, "sections.csv"), sections.replace("MATH6-1,MATH6,", "MATH6-1,MATH9,"));
    const result = await mse("schedule", "--input", problem, "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/students\.csv:2: grade:/);
    expect(result.stderr).toMatch(/students\.csv:6: grade:/);
    expect(result.stderr).toMatch(/sections\.csv:2: course_id:/);
    expect((await readdir(work)).filter((f) => f.startsWith("broken-roster"))).toEqual([]);
  });

  it("exits 1 and lists the violation when a roster breaks a hard constraint", async () => {
    const roster = path.join(work, "tiny-roster");
    const enrollmentsFile = path.join(roster, "oneroster", "enrollments.csv");
    const enrollments = await readFile(enrollmentsFile, "utf8");
    // 100001 is in grade 6; MATH7 is for grades 7-8.
    const lines = enrollments.trimEnd().split("\n");
    const studentRow = lines.find((l) => l.includes(",100001,") && l.includes(",student,"))!;
    const math7 = lines.find((l) => l.includes("MATH7-1"))!;
    const classOfMath7 = math7.split(",")[3];
    const broken = studentRow.replace(
      /^([^,]*),([^,]*),([^,]*),([^,]*)/,
      (_m, a, b, c) => `${a}x,${b},${c},${classOfMath7}`,
    );
    await writeFile(enrollmentsFile, `${enrollments.trimEnd()}\n${broken}\n`);
    const result = await mse("validate", "--input", tiny, "--roster", roster);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/grade/);
  });
});
