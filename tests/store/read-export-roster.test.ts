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

  it("gives every seat of a student the same ID as rows would, in the same order", async () => {
    const roster = await readExportRoster(store, runId);
    const rows = await readRunRoster(store, runId, { once: true });
    expect(roster.enrollments.map((e) => [e.studentId, e.sectionId])).toEqual(
      rows.enrollments.map((e) => [e.studentId, e.sectionId]),
    );
  });

  it("never splits a section ID that holds the separator between students: read row by row too", async () => {
    const before = await readRunRoster(store, runId, { once: true });
    // The first student's first section, and the last's last: the separator splits the first
    // student's sections early, and would run on into the last student's.
    for (const { studentId, sectionId } of [
      before.enrollments[0]!,
      before.enrollments[before.enrollments.length - 1]!,
    ]) {
      await store.db.execute(
        `UPDATE assignment SET section_id = $1 WHERE run_id = $2 AND student_id = $3 AND section_id = $4`,
        [`${sectionId}\u001eY`, runId, studentId, sectionId],
      );
    }
    const after = await readRunRoster(store, runId, { once: true });
    expect(after.enrollments.filter((e) => e.sectionId.endsWith("\u001eY"))).toHaveLength(2);
    expect(await readExportRoster(store, runId)).toEqual(after);
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
