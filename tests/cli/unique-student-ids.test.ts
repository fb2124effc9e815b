import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore, listSchoolIds, openStore } from "../../src/store/index.ts";
import { mse } from "./support/mse.ts";

describe("mse import, as a user runs it", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-unique-ids-"));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("refuses a second preset whose generated student IDs another school of the store already has (exit 2, the IDs named), importing nothing of it", async () => {
    const db = `file:${path.join(work, "mse.db")}`;
    for (const preset of ["tiny", "high-school"]) {
      expect((await mse(["generate", "--preset", preset, "--seed", "1", "--out", path.join(work, preset)])).code).toBe(
        0,
      );
    }
    expect((await mse(["import", "--input", path.join(work, "tiny"), "--db", db])).code).toBe(0);
    const refused = await mse(["import", "--input", path.join(work, "high-school"), "--db", db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/student "1000000001" of "HS-0101" is already at "MS-0101"/);
    expect(refused.stderr).toMatch(/unique across the district.*nothing was written/);
    const store = await openStore(db);
    try {
      expect(await listSchoolIds(store)).toEqual(["MS-0101"]);
    } finally {
      await closeStore(store);
    }
  }, 120_000);
});
