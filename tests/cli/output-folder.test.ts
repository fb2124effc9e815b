import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mse, tiny } from "./support/mse.ts";

/** Every file under `dir` with its content: what must come through a refused command unchanged. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(
        path.join(entry.parentPath, entry.name),
        "utf8",
      );
  }
  return files;
}

// The folder rules themselves are specified in tests/io/output-folder.test.ts; these check that
// every command that writes a folder goes through them (each run of mse costs seconds).
describe("--out of schedule, build and export never destroys what mse did not write", () => {
  let work: string;
  let problem: string;
  let db: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-out-"));
    problem = path.join(work, "problem");
    await cp(tiny, problem, { recursive: true });
    db = `file:${path.join(work, "store.db")}`;
    expect((await mse(["import", "--input", problem, "--db", db])).code).toBe(0);
    expect((await mse(["schedule", "--all", "--db", db])).code).toBe(0);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("refuses to write over its own input, even with --force, and leaves the input as it was", async () => {
    const before = await snapshot(problem);
    for (const command of ["schedule", "build"]) {
      const result = await mse([command, "--input", problem, "--out", problem, "--force"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: --out .*input folder.*nothing was written\n$/);
    }
    expect(await snapshot(problem)).toEqual(before);
  });

  it("refuses a folder holding other files with one line and exit 2, and touches none of them", async () => {
    const mine = path.join(work, "mine");
    await mkdir(mine);
    await writeFile(path.join(mine, "thesis.docx"), "four years of work");
    for (const args of [
      ["schedule", "--input", problem, "--out", mine],
      ["build", "--input", problem, "--out", mine],
      ["export", "--out", mine, "--db", db],
    ]) {
      const result = await mse(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^error: --out .* is not an earlier (roster|master schedule): it holds thesis\.docx; nothing was written/,
      );
      expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    }
    expect(await snapshot(mine)).toEqual({ "thesis.docx": "four years of work" });
  });

  it("runs no demo over a file that is not its SQLite store", async () => {
    const notes = path.join(work, "notes.db");
    await writeFile(notes, "not a database");
    const refused = await mse(["demo", "--db", notes, "--out", path.join(work, "demo-roster")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: --db .*notes\.db: is not a SQLite database/);
    expect(await readFile(notes, "utf8")).toBe("not a database");
  });

  it("turns a file into a roster folder only with --force, and replaces its own earlier roster unasked", async () => {
    const file = path.join(work, "notes.txt");
    await writeFile(file, "keep me");
    const refused = await mse(["export", "--out", file, "--db", db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is a file, not a folder/);
    expect(await readFile(file, "utf8")).toBe("keep me");
    expect((await mse(["export", "--out", file, "--db", db, "--force"])).code).toBe(0);
    expect((await stat(file)).isDirectory()).toBe(true);
    expect((await mse(["schedule", "--input", problem, "--out", file])).code).toBe(0);
    expect((await mse(["validate", "--input", problem, "--roster", file])).code).toBe(0);
  });
});
