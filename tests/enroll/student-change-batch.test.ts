import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { applyStudentChanges, type StudentChange } from "../../src/enroll/student-changes.ts";
import { closeStore, importProblem, openStore, readSchoolProblemVersioned, type Store } from "../../src/store/index.ts";

const school = generatePreset("tiny", 1);
const schoolId = school.school.schoolId;

describe("a batch of late student changes (a school's lane)", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mse-batch-"));
    store = await openStore(`file:${path.join(dir, "mse.db")}`);
    await importProblem(store, joinSchools([school]));
  });
  afterAll(async () => {
    await closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the server's event loop a turn between two changes, instead of writing the whole batch in one go", async () => {
    const { problemVersion: start } = await readSchoolProblemVersioned(store, schoolId);
    const model = school.students[0]!;
    const changes: StudentChange[] = [1, 2, 3].map((n) => ({
      kind: "enroll",
      student: { ...model, studentId: `BATCH-${n}` },
      requests: school.requests
        .filter((r) => r.studentId === model.studentId)
        .map((r) => ({ ...r, studentId: `BATCH-${n}` })),
      place: false,
      allowMoves: 0,
      requestId: `request-${n}`,
    }));
    // What a request answered between two changes would see: the loop's next turn comes after the first write.
    const seen = new Promise<number>((resolve) =>
      setImmediate(() => void readSchoolProblemVersioned(store, schoolId).then((r) => resolve(r.problemVersion))),
    );
    const outcomes = await applyStudentChanges(store, schoolId, changes);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(await seen).toBe(start + 1);
    expect((await readSchoolProblemVersioned(store, schoolId)).problemVersion).toBe(start + 3);
  });
});
