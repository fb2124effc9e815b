import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { registerExport } from "../../src/cli/commands/export.ts";
import { registerImport } from "../../src/cli/commands/import.ts";
import { registerSchedule } from "../../src/cli/commands/schedule.ts";
import { readProblem } from "../../src/io/interchange/read-problem.ts";
import { readRoster } from "../../src/io/oneroster/read-roster.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { liveRunId, closeStore, openStore } from "../../src/store/index.ts";
import { forEachDatabase } from "./support/databases.ts";

const tiny = path.resolve(import.meta.dirname, "../../fixtures/examples/tiny");

/** Runs the store's sub-commands as `mse` would, capturing what they print. */
async function mse(...args: string[]): Promise<string> {
  const program = new Command("mse").exitOverride();
  registerImport(program);
  registerSchedule(program);
  registerExport(program);
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void printed.push(a.join(" ")));
  try {
    await program.parseAsync(["node", "mse", ...args]);
  } finally {
    log.mockRestore();
  }
  return printed.join("\n");
}

forEachDatabase((database) => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-store-cli-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await database.destroy();
  });

  it("imports a problem, schedules and publishes every school, and exports a valid roster that reads back equal to the live one", async () => {
    const db = await database.create();
    const out = path.join(work, `roster-${database.kind}`);
    expect(await mse("import", "--input", tiny, "--db", db)).toMatch(/^imported 1 school\(s\) into /);
    expect(await mse("schedule", "--all", "--seed", "3", "--db", db)).toMatch(/1 school\(s\) scheduled and published/);
    expect(await mse("export", "--out", out, "--db", db)).toMatch(/exported 1 school\(s\)/);

    const { problem } = await readProblem(tiny);
    const exported = await readRoster(out);
    expect(validateRoster(problem, exported)).toEqual([]);
    const store = await openStore(db);
    try {
      const { liveRoster } = await import("../../src/store/live-roster.ts");
      const live = (await liveRoster(store, "MS-101"))!;
      const key = (e: { studentId: string; sectionId: string }) => `${e.studentId}|${e.sectionId}`;
      expect(exported[0]!.enrollments.map(key).sort()).toEqual(live.roster.enrollments.map(key).sort());
      const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8"));
      expect(report.parameters.runs).toEqual({ "MS-101": await liveRunId(store, "MS-101") });
      expect(report.totals.enrollments).toBe(live.roster.enrollments.length);
    } finally {
      await closeStore(store);
    }
  });
});
