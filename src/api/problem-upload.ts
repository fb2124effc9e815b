/**
 * A school's problem uploaded as interchange files in JSON ({"files": {"schools.csv": "..."}}):
 * written to a temporary directory and read by the same reader as `mse import`, so every
 * error names its file, line and column, and nothing is imported unless all of it is valid.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Problem } from "../domain/problem.ts";
import { readProblem } from "../io/interchange/read-problem.ts";
import { ApiError, uploadPath } from "./errors.ts";

/** Reads the uploaded files as a problem of exactly the school `schoolId`; throws 422 otherwise. */
export async function readUploadedProblem(schoolId: string, files: Partial<Record<string, string>>): Promise<{ problem: Problem; warnings: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "mse-upload-"));
  try {
    // Names come from a closed list (the schema), so they cannot climb out of the directory.
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text ?? "", "utf8")));
    const read = await readProblem(dir);
    const schools = read.problem.schools;
    if (schools.length !== 1 || schools[0]!.schoolId !== schoolId) {
      const found = schools.map((s) => JSON.stringify(s.schoolId)).join(", ") || "none";
      throw new ApiError(422, "wrong_school", `schools.csv must hold exactly school ${JSON.stringify(schoolId)}, the school of the path (found ${found}); nothing was imported`, [
        { path: uploadPath("schools.csv"), file: "schools.csv", line: 0, column: "school_id", message: `expected exactly one row, for school ${JSON.stringify(schoolId)}` },
      ]);
    }
    return read;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
