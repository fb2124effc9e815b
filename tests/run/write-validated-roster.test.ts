import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeValidatedRoster } from "../../src/run/write-validated-roster.ts";
import { readRoster } from "../../src/io/oneroster/read-roster.ts";
import { ONEROSTER_DIR } from "../../src/io/oneroster/roster-layout.ts";
import { InvalidRosterError } from "../../src/run/invalid-roster.ts";
import { summarize } from "../../src/report/run-report.ts";
import { tinyProblem, tinyRoster } from "../check/tiny-problem.ts";
import { withTempDir } from "../io/oneroster/roster-dir.ts";

const report = summarize([], { startedAt: new Date(0), finishedAt: new Date(0), parameters: {} });
const folder = { kind: "roster" } as const;

describe("mse schedule writes a roster only after the validator passed it", () => {
  it("writes a valid roster", async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, "roster");
      await writeValidatedRoster(out, tinyProblem(), tinyRoster(), report, folder);
      expect((await readRoster(out)).map((r) => r.schoolId)).toEqual(["MS-101"]);
    });
  });

  it("refuses one that breaks a hard constraint, lists the violations, and leaves the earlier roster as it was", async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, "roster");
      await writeValidatedRoster(out, tinyProblem(), tinyRoster(), report, folder);
      const before = await readFile(join(out, ONEROSTER_DIR, "enrollments.csv"), "utf8");
      const broken = tinyRoster();
      // Student 100005 into MATH7-1 beside 100003, whom they must avoid: constraint 8.
      broken[0].enrollments.push({ studentId: "100005", sectionId: "MATH7-1" });
      const refused = writeValidatedRoster(out, tinyProblem(), broken, report, folder);
      await expect(refused).rejects.toThrow(InvalidRosterError);
      await expect(refused).rejects.toThrow(
        /^the roster breaks \d+ hard constraint\(s\) and was refused:\nMS-101: avoid-pair: /,
      );
      expect(await readFile(join(out, ONEROSTER_DIR, "enrollments.csv"), "utf8")).toBe(before);
      expect(await readdir(dir)).toEqual(["roster"]);
    });
  });
});
