import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { validateSchoolRoster } from "../../solver/check/validate-roster.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { runSchool } from "../../src/run/run-school.ts";
import {
  closeStore,
  importProblem,
  openStore,
  readExportRoster,
  readRunRoster,
  readSchoolProblemVersioned,
  type Store,
} from "../../src/store/index.ts";

describe("the export's read of a run's roster on SQLite", () => {
  let work: string;
  let store: Store;
  let runId: number;
  const problem = generatePreset("tiny", 1);
  const schoolId = problem.school.schoolId;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-export-roster-"));
    store = await openStore(`file:${path.join(work, "store.db")}`);
    await importProblem(store, joinSchools([problem]));
    ({ runId } = await runSchool(store, schoolId, { schedule: { seed: 1, quality: "quick", loader: "solver" } }));
  });
  afterAll(async () => {
    await closeStore(store);
    await rm(work, { recursive: true, force: true });
  });

  it("reads the very roster readRunRoster reads, enrollments in the same order, and the validator finds it sound", async () => {
    const roster = await readExportRoster(store, runId);
    expect(roster.enrollments.length).toBeGreaterThan(0);
    expect(roster).toEqual(await readRunRoster(store, runId, { once: true }));
    const { problem: school } = await readSchoolProblemVersioned(store, schoolId);
    expect(validateSchoolRoster(school, roster)).toEqual([]);
  });

  it("never splits an ID that holds its separator: such a run is read row by row", async () => {
    const before = await readRunRoster(store, runId, { once: true });
    const { studentId, sectionId } = before.enrollments[0]!;
    await store.db.execute(
      `UPDATE assignment SET student_id = $1 WHERE run_id = $2 AND student_id = $3 AND section_id = $4`,
      [`${studentId}\u001fX`, runId, studentId, sectionId],
    );
    const after = await readRunRoster(store, runId, { once: true });
    expect(after.enrollments.some((e) => e.studentId === `${studentId}\u001fX`)).toBe(true);
    expect(await readExportRoster(store, runId)).toEqual(after);
  });
});
