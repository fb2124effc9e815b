import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { parseRequestSpec, registerEnroll } from "../../src/cli/commands/enroll.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { closeStore, importProblem, liveRoster, readSchoolProblem, openStore } from "../../src/store/index.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { withReport } from "../../src/run/schedule-school.ts";
import { solveSchool } from "../../solver/solve-school.ts";

const school = generatePreset("tiny", 1);
const schoolId = school.school.schoolId;

/** Runs `mse enroll ...` in-process; returns what it printed. */
async function mse(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void lines.push(parts.join(" ")));
  try {
    const program = new Command("mse").exitOverride();
    registerEnroll(program);
    await program.parseAsync(["node", "mse", ...args]);
  } finally {
    log.mockRestore();
  }
  return lines.join("\n");
}

describe("mse enroll", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mse-enroll-cli-"));
    db = `file:${path.join(dir, "mse.db")}`;
    const store = await openStore(db);
    await importProblem(store, joinSchools([school]));
    await runSchool(store, schoolId, {
      schedule: { seed: 1, quality: "quick", loader: "solver" },
      solve: async (problem, o) =>
        withReport(problem, await solveSchool(problem, { seed: o.seed, quality: o.quality, maxMoves: 2000 })),
    });
    await closeStore(store);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads --request as COURSE or COURSE=PRIORITY and rejects a bad priority", async () => {
    expect(parseRequestSpec("S", "1", "SPAN 1=2")).toEqual({
      schoolId: "S",
      studentId: "1",
      courseId: "SPAN 1",
      priority: 2,
    });
    expect(parseRequestSpec("S", "1", "ENG 8").priority).toBe(1);
    expect(() => parseRequestSpec("S", "1", "ENG 8=0")).toThrow(/COURSE=PRIORITY/);
  });

  it("adds a late student, drops one, and runs the school publishing a roster that seats the newcomer", async () => {
    const leaver = school.students.find((s) => !s.iep)!;
    const courses = school.requests.filter((r) => r.studentId === leaver.studentId && r.alternateFor === undefined);
    const requestArgs = courses.flatMap((r) => ["--request", `${r.courseId}=${r.priority}`]);
    expect(await mse("enroll", "drop", "--school", schoolId, "--student", leaver.studentId, "--db", db)).toMatch(
      /dropped/,
    );
    expect(
      await mse(
        "enroll",
        "add",
        "--school",
        schoolId,
        "--student",
        "LATE-9",
        "--grade",
        String(leaver.grade),
        ...requestArgs,
        "--db",
        db,
      ),
    ).toMatch(new RegExp(`enrolled LATE-9 in ${schoolId} with ${courses.length} request`));
    const printed = await mse("enroll", "run", "--school", schoolId, "--seed", "3", "--db", db);
    expect(printed).toMatch(/0 student\(s\) moved/);
    expect(printed).toMatch(/published run/);

    const store = await openStore(db);
    try {
      const live = (await liveRoster(store, schoolId))!;
      expect(live.roster.enrollments.some((e) => e.studentId === "LATE-9")).toBe(true);
      expect(live.roster.enrollments.some((e) => e.studentId === leaver.studentId)).toBe(false);
      expect((await readSchoolProblem(store, schoolId)).students.some((s) => s.studentId === "LATE-9")).toBe(true);
    } finally {
      await closeStore(store);
    }
  });
});
