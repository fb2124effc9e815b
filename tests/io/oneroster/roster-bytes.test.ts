import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeRoster } from "../../../src/io/oneroster/write-roster.ts";
import { awkwardSchool } from "./awkward-school.ts";
import { withTempDir } from "./roster-dir.ts";

/**
 * What the writer wrote before it was made fast (issue 20): a roster directory of the awkward
 * school, written by the code of main at 5145039 (csv quoting per cell, uuid's v5, one encoding
 * per line) and kept as it came out. Any change of a byte is a change of the export's format.
 */
const EXPECTED = join(import.meta.dirname, "roster-bytes");

describe("a roster directory's bytes", () => {
  it("stay those written before, with apostrophes, commas, quotes, line breaks and Unicode in every ID and name", async () => {
    const { problem, rosters } = await awkwardSchool();
    await withTempDir(async (dir) => {
      await writeRoster(dir, problem, rosters, {}, { schoolYear: 2027 });
      const files = async (root: string) =>
        (await readdir(root, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
          .sort();
      expect(await files(dir)).toEqual(await files(EXPECTED));
      for (const file of await files(EXPECTED)) {
        expect(await readFile(join(dir, file), "utf8"), file).toBe(await readFile(join(EXPECTED, file), "utf8"));
      }
    });
  });
});
