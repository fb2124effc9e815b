import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeDirectoryAtomically } from "../../src/io/atomic-directory.ts";
import { checkOutputFolder, OutputFolderError, type OutputFolderOptions } from "../../src/io/output-folder.ts";

const roster: OutputFolderOptions = { kind: "roster" };
const fill = (text: string) => (dir: string) => writeFile(path.join(dir, "report.json"), text);

/** The ID of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("an output folder is replaced only when mse wrote it", () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), "out-folder-"));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("writes a folder that does not exist yet, or an empty one", async () => {
    await writeDirectoryAtomically(path.join(work, "new"), fill("1"), roster);
    await mkdir(path.join(work, "empty"));
    await writeDirectoryAtomically(path.join(work, "empty"), fill("2"), roster);
    expect(await readFile(path.join(work, "empty", "report.json"), "utf8")).toBe("2");
  });

  it("replaces an earlier output of the same kind, and only of the same kind", async () => {
    const out = path.join(work, "out");
    await writeDirectoryAtomically(out, fill("first"), roster);
    await writeDirectoryAtomically(out, fill("second"), roster);
    expect(await readFile(path.join(out, "report.json"), "utf8")).toBe("second");
    await expect(writeDirectoryAtomically(out, fill("third"), { kind: "master schedule" })).rejects.toThrow(
      /is an earlier roster, not a master schedule/,
    );
  });

  it("refuses a folder holding files it did not write, and leaves them be; --force replaces it", async () => {
    const out = path.join(work, "mine");
    await mkdir(out);
    await writeFile(path.join(out, "thesis.docx"), "four years of work");
    await expect(writeDirectoryAtomically(out, fill("x"), roster)).rejects.toThrow(OutputFolderError);
    expect(await readdir(out)).toEqual(["thesis.docx"]);
    await writeDirectoryAtomically(out, fill("x"), { ...roster, force: true });
    expect((await readdir(out)).sort()).toEqual([".mse-output.json", "report.json"]);
  });

  it("refuses to replace a file by a folder unless forced", async () => {
    const file = path.join(work, "notes.txt");
    await writeFile(file, "keep me");
    await expect(checkOutputFolder(file, roster)).rejects.toThrow(/is a file, not a folder/);
    expect(await readFile(file, "utf8")).toBe("keep me");
    await writeDirectoryAtomically(file, fill("x"), { ...roster, force: true });
    expect((await stat(file)).isDirectory()).toBe(true);
  });

  it("never replaces the input, the folder holding it or a folder inside it, forced or not", async () => {
    const input = path.join(work, "problem");
    await mkdir(input);
    await writeFile(path.join(input, "students.csv"), "school_id,student_id,grade\n");
    for (const out of [input, path.join(input, "roster"), work, path.join(input, "..", "problem")]) {
      for (const force of [false, true]) {
        await expect(checkOutputFolder(out, { ...roster, inputs: [input], force })).rejects.toThrow(/input folder/);
      }
    }
    expect(await readdir(input)).toEqual(["students.csv"]);
  });

  it("sweeps the partial and old folders a killed writer left beside the target, not those of a running one", async () => {
    const out = path.join(work, "roster");
    const killed = [`${out}.partial-${deadPid()}-1733300000000`, `${out}.old-${deadPid()}-1733300000000`];
    const running = `${out}.partial-${process.pid}-1733300000000`;
    const other = path.join(work, "other.partial-1-1733300000000");
    for (const dir of [...killed, running, other]) {
      await mkdir(dir);
      await writeFile(path.join(dir, "enrollments.csv"), "x".repeat(1 << 16));
    }
    await writeDirectoryAtomically(out, fill("x"), roster);
    expect((await readdir(work)).sort()).toEqual(
      ["other.partial-1-1733300000000", "roster", path.basename(running)].sort(),
    );
  });

  it("leaves the target as it was, and nothing beside it, when writing fails", async () => {
    const out = path.join(work, "roster");
    await writeDirectoryAtomically(out, fill("good"), roster);
    await expect(
      writeDirectoryAtomically(
        out,
        async () => {
          throw new Error("disk full");
        },
        roster,
      ),
    ).rejects.toThrow("disk full");
    expect(await readdir(work)).toEqual(["roster"]);
    expect(await readFile(path.join(out, "report.json"), "utf8")).toBe("good");
  });
});
