import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { readRoster } from "../../src/io/oneroster/read-roster.ts";
import { writeRoster } from "../../src/io/oneroster/write-roster.ts";
import { writeConflictMatrix } from "../../src/io/conflict-matrix/write-conflict-matrix.ts";
import { fromSpreadsheetSafe, spreadsheetSafe } from "../../src/io/spreadsheet-safe.ts";
import { tinyProblem, tinyRoster } from "../check/tiny-problem.ts";
import { csvRecords, oneRoster, sortedRosters, withTempDir } from "./oneroster/roster-dir.ts";

/** Student IDs a spreadsheet would run as formulas, and one that starts with the escape itself. */
const HOSTILE: Record<string, string> = {
  "100001": '=HYPERLINK("http://x","1")',
  "100002": "+1+1",
  "100003": "-2+3",
  "100005": "@SUM(A1)",
};

/** Renames students everywhere they appear. */
function renamed<T>(value: T, names: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (key, v) =>
    (key === "studentId" || key === "otherStudentId") && typeof v === "string" ? (names[v] ?? v) : v,
  ) as T;
}

describe("CSV files a counselor opens in a spreadsheet never run a formula", () => {
  it("escapes cells that start with = + - @ tab or carriage return, and the escape itself; leaves plain numbers and other text", () => {
    for (const cell of ["=1+1", "+A1", "-A1", "@A1", "\tx", "\rx", "'quoted"])
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    for (const cell of ["-5", "+3.5", "12", "O'Brien", "José-María", "", "a=b"])
      expect(spreadsheetSafe(cell)).toBe(cell);
    for (const cell of ["=1+1", "'quoted", "''", "-5", "O'Brien", "\tx"])
      expect(fromSpreadsheetSafe(spreadsheetSafe(cell))).toBe(cell);
  });

  it("writes unscheduled.csv escaped, keeps the OneRoster files exact, and reads every ID back as it was", async () => {
    const problem: Problem = renamed(tinyProblem(), HOSTILE);
    const rosters: SchoolRoster[] = renamed(tinyRoster(), HOSTILE);
    await withTempDir(async (dir) => {
      await writeRoster(dir, problem, rosters, {}, { schoolYear: 2026 });
      const unscheduled = (await csvRecords(dir, "unscheduled.csv")).map((r) => r.student_id);
      expect(unscheduled).toContain(`'${HOSTILE["100001"]}`);
      expect(unscheduled).toContain(`'${HOSTILE["100005"]}`);
      expect(unscheduled.every((id) => !/^[=+\-@]/.test(id))).toBe(true);
      const users = (await csvRecords(oneRoster(dir), "users.csv")).map((r) => r.identifier || r.sourcedId);
      expect(
        (await csvRecords(oneRoster(dir), "users.csv")).some((r) => Object.values(r).includes(HOSTILE["100001"]!)),
      ).toBe(true);
      expect(users.every((u) => !u.startsWith("'"))).toBe(true);
      expect(sortedRosters(await readRoster(dir))).toEqual(sortedRosters(rosters));
    });
  });

  it("writes conflict-matrix.csv escaped: course IDs that look like formulas stay text", async () => {
    await withTempDir(async (dir) => {
      const file = `${dir}/conflict-matrix.csv`;
      await writeConflictMatrix(file, [
        {
          schoolId: "S",
          courses: [{ courseId: "=cmd|' /C calc'!A0", students: 3 }],
          pairs: [{ courseA: "=cmd|' /C calc'!A0", courseB: "-x", students: 2 }],
        },
      ]);
      const rows = await csvRecords(dir, "conflict-matrix.csv");
      expect(rows).toEqual([
        { school_id: "S", course_a: "'=cmd|' /C calc'!A0", course_b: "'=cmd|' /C calc'!A0", students: "3" },
        { school_id: "S", course_a: "'=cmd|' /C calc'!A0", course_b: "'-x", students: "2" },
      ]);
    });
  });
});
