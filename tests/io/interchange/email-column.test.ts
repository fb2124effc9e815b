import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readProblem } from "../../../src/io/interchange/read-problem.ts";
import { writeProblem } from "../../../src/io/interchange/write-problem.ts";
import { closeStore, importProblem, readSchoolProblem, openStore } from "../../../src/store/index.ts";
import { copyTiny, tempDir } from "./tiny-copy.ts";

/** The tiny example with the v1.1 email column on students.csv (first student only) and teachers.csv (every teacher). */
async function tinyWithEmails(dir: string): Promise<void> {
  await copyTiny(dir);
  const add = async (file: string, email: (index: number) => string) => {
    const lines = (await readFile(join(dir, file), "utf8")).replace(/\n$/, "").split("\n");
    await writeFile(
      join(dir, file),
      `${lines.map((line, i) => `${line},${i === 0 ? "email" : email(i)}`).join("\n")}\n`,
    );
  };
  await add("students.csv", (i) => (i === 1 ? "siobhan.o'brien@example.org" : ""));
  await add("teachers.csv", (i) => `teacher${i}@example.org`);
}

describe("the v1.1 email columns of students.csv and teachers.csv", () => {
  it("are read, written back and kept by the store; a v1 problem writes back without them", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await tinyWithEmails(join(dir, "in"));
      const { problem } = await readProblem(join(dir, "in"));
      expect(problem.students[0]!.email).toBe("siobhan.o'brien@example.org");
      expect(problem.students[1]!.email).toBeUndefined();
      expect(problem.teachers.every((t) => t.email?.endsWith("@example.org"))).toBe(true);

      await writeProblem(join(dir, "out"), problem);
      expect((await readProblem(join(dir, "out"))).problem).toEqual(problem);
      expect((await readFile(join(dir, "out", "students.csv"), "utf8")).split("\n")[0]).toMatch(/,email(,|$)/);

      const store = await openStore(`file:${join(dir, "mse.db")}`);
      try {
        await importProblem(store, problem);
        const loaded = await readSchoolProblem(store, problem.schools[0]!.schoolId);
        expect(loaded.students.map((s) => s.email)).toEqual(problem.students.map((s) => s.email));
        expect(loaded.teachers.map((t) => t.email)).toEqual(problem.teachers.map((t) => t.email));
      } finally {
        await closeStore(store);
      }

      await copyTiny(join(dir, "v1"));
      await writeProblem(join(dir, "v1-out"), (await readProblem(join(dir, "v1"))).problem);
      expect((await readFile(join(dir, "v1-out", "students.csv"), "utf8")).split("\n")[0]).not.toContain("email");
    } finally {
      await cleanup();
    }
  });
});
