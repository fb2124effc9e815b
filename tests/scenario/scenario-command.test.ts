import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { closeStore, liveRoster, readSchoolProblem, openStore } from "../../src/store/index.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { mse } from "../cli/support/mse.ts";

describe("mse scenario", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mse-scenario-"));
    db = `file:${path.join(dir, "mse.db")}`;
    for (const args of [
      ["generate", "--preset", "tiny", "--seed", "1", "--out", path.join(dir, "p")],
      ["import", "--input", path.join(dir, "p"), "--db", db],
      ["schedule", "--all", "--db", db],
    ]) {
      expect((await mse(args)).code).toBe(0);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates, edits (refusing a clash with exit 2, a stale version with exit 1), shows, compares, promotes and drops a scenario", async () => {
    const created = await mse([
      "scenario",
      "create",
      "--school",
      "MS-0101",
      "--name",
      "Try O'Neil 李",
      "--author",
      "Ms D'Souza",
      "--db",
      db,
    ]);
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^scenario 1 "Try O'Neil 李" of MS-0101: 27 sections/),
    });
    expect((await mse(["scenario", "list", "--school", "MS-0101", "--db", db])).stdout).toMatch(
      /^1\tTry O'Neil 李\tversion 0\topen\tby Ms D'Souza/,
    );

    const clash = await mse(["scenario", "edit", "1", "--move", "ENG 6-01", "--period", "1", "--db", db]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(
      /refused: teacher E0000001 teaches sections ENG 6-01 and ENG 7 H-01, which both meet in period 1/,
    );

    const suggest = await mse(["scenario", "suggest", "1", "--section", "ENG 8-01", "--db", db]);
    expect(suggest.code).toBe(0);
    expect(suggest.stdout).toMatch(/^period 3 \(room Sci Lab 1\): primary met \+\d+/);

    const moved = await mse([
      "scenario",
      "edit",
      "1",
      "--move",
      "ENG 8-01",
      "--period",
      "3",
      "--room",
      "Sci Lab 1",
      "--at-version",
      "0",
      "--author",
      "Mr Nguyễn",
      "--db",
      db,
    ]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/scenario 1 is at version 1\nwhat-if at version 1/);
    expect(moved.stdout).toMatch(/moved ENG 8-01 4 -> 3/);
    const stale = await mse(["scenario", "edit", "1", "--lock", "ENG 8-01", "--at-version", "0", "--db", db]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/scenario 1 is at version 1, not 0/);

    const shown = await mse(["scenario", "show", "1", "--db", db]);
    expect(shown.stdout).toMatch(
      /1\. Mr Nguyễn: \{"kind":"move","sectionId":"ENG 8-01","period":3,"roomId":"Sci Lab 1"\}/,
    );
    const diff = await mse(["scenario", "diff", "1", "--db", db]);
    expect(diff.stdout).toMatch(/ENG 8-01: period 3 Sci Lab 1 \| period 4 Room 103/);

    const promoted = await mse(["scenario", "promote", "1", "--db", db]);
    expect(promoted).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^promoted scenario 1: problem version 2, run 2 published/),
    });
    const store = await openStore(db);
    try {
      const problem = await readSchoolProblem(store, "MS-0101");
      const live = (await liveRoster(store, "MS-0101"))!;
      expect(problem.sections.find((s) => s.sectionId === "ENG 8-01")).toMatchObject({
        period: 3,
        roomId: "Sci Lab 1",
      });
      expect(validateRoster(joinSchools([problem]), [live.roster])).toEqual([]);
    } finally {
      await closeStore(store);
    }
    expect((await mse(["scenario", "drop", "1", "--db", db])).stdout).toBe("dropped scenario 1\n");
    expect((await mse(["scenario", "drop", "1", "--db", db])).code).toBe(2);
  }, 120_000);
});
