import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reportError } from "../../src/cli/report-error.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { POSTGRES_URL } from "../store/support/databases.ts";
import { mse, root, tiny, type MseOutcome } from "./support/mse.ts";

/** A user error as the user must see it: one line on stderr, no stack trace, the exit code given. */
function expectOneLine(outcome: MseOutcome, code: number, text: RegExp): void {
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
  expect(outcome.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(outcome.stderr.trimEnd()).toMatch(text);
  expect(outcome.code).toBe(code);
}

describe("ordinary mistakes on the command line: one line, no stack trace, exit 2", () => {
  let work: string;
  let db: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-user-errors-"));
    db = `file:${path.join(work, "store.db")}`;
    expect((await mse(["import", "--input", tiny, "--db", db])).code).toBe(0);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("says what to schedule when mse schedule gets no arguments, and what is missing when --out is", async () => {
    expectOneLine(await mse(["schedule"]), EXIT.badInput, /^error: say what to schedule: --input DIR --out DIR/);
    expectOneLine(await mse(["schedule", "--input", tiny]), EXIT.badInput, /^error: --input needs --out/);
  });

  it("names a missing input folder once, and a folder standing where students.csv should be", async () => {
    expectOneLine(
      await mse(["schedule", "--input", path.join(work, "nowhere"), "--out", path.join(work, "r")]),
      EXIT.badInput,
      /^error: .*nowhere: no such folder$/,
    );
    const problem = path.join(work, "folder-for-file");
    await cp(tiny, problem, { recursive: true });
    await rm(path.join(problem, "students.csv"));
    await mkdir(path.join(problem, "students.csv"));
    const result = await mse(["import", "--input", problem, "--db", db]);
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain("students.csv:0: is a folder, not a file");
    expect(result.stderr).not.toMatch(/EISDIR|\n\s+at /);
  });

  it("refuses a late student with an unknown course or grade 15, and the drop of an unknown student", async () => {
    expectOneLine(
      await mse([
        "enroll",
        "add",
        "--school",
        "MS-101",
        "--student",
        "L-1",
        "--grade",
        "6",
        "--request",
        "NO-SUCH",
        "--db",
        db,
      ]),
      EXIT.badInput,
      /^error: cannot enroll "L-1" in "MS-101": requests\[0\]\.courseId: school MS-101 has no course "NO-SUCH"$/,
    );
    expectOneLine(
      await mse([
        "enroll",
        "add",
        "--school",
        "MS-101",
        "--student",
        "L-1",
        "--grade",
        "15",
        "--request",
        "MATH6",
        "--db",
        db,
      ]),
      EXIT.badInput,
      /student\.grade: grade 15 is outside/,
    );
    expectOneLine(
      await mse(["enroll", "drop", "--school", "MS-101", "--student", "NOBODY", "--db", db]),
      EXIT.badInput,
      /^error: school "MS-101" has no student "NOBODY"$/,
    );
  });

  it("refuses a --db scheme it does not speak, and a store that does not exist, instead of creating one", async () => {
    expectOneLine(
      await mse(["export", "--out", path.join(work, "e1"), "--db", "mysql://x"]),
      EXIT.badInput,
      /^error: --db mysql:\/\/x: not a store URL/,
    );
    expectOneLine(
      await mse(["export", "--out", path.join(work, "e2"), "--db", `file:${path.join(work, "missing.db")}`]),
      EXIT.badInput,
      /missing\.db: no such file/,
    );
    const missingPg = new URL(POSTGRES_URL);
    missingPg.pathname = "/mse_no_such_database_i22";
    expectOneLine(
      await mse(["export", "--out", path.join(work, "e3"), "--db", missingPg.toString()]),
      EXIT.badInput,
      /database "mse_no_such_database_i22" does not exist/,
    );
    expect(
      (await readdir(work)).filter((f) => f.startsWith("missing") || f.startsWith("mysql") || f.startsWith("e")),
    ).toEqual([]);
    expect((await readdir(root)).filter((f) => f.startsWith("mysql:"))).toEqual([]);
  });

  it("prints its version", async () => {
    const result = await mse(["--version"]);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(result.code).toBe(EXIT.ok);
  });
});

describe("a condition of the machine is one line and exit 1; only a fault of the program shows its stack", () => {
  it("reports a full disk in one line", () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      expect(reportError(full)).toBe(EXIT.failed);
      expect(printed.mock.calls).toEqual([["error: ENOSPC: no space left on device, write"]]);
      printed.mockClear();
      // What better-sqlite3 throws when the disk fills during an import.
      const sqliteFull = Object.assign(new Error("database or disk is full"), {
        name: "SqliteError",
        code: "SQLITE_FULL",
      });
      expect(reportError(sqliteFull)).toBe(EXIT.failed);
      expect(printed.mock.calls).toEqual([
        ["error: the store refused the write: database or disk is full (SQLITE_FULL); nothing of it was saved"],
      ]);
      printed.mockClear();
      expect(reportError(new TypeError("x is undefined"))).toBe(EXIT.failed);
      expect(String(printed.mock.calls[0]![0])).toMatch(/TypeError: x is undefined\n\s+at /);
    } finally {
      printed.mockRestore();
    }
  });
});
