import { afterAll, beforeAll, expect, it } from "vitest";
import type { Enrollment } from "../../src/domain/roster.ts";
import { ENROLLMENT_PAGE_ROWS } from "../../src/store/read-run-roster.ts";
import {
  closeStore,
  importProblem,
  openStore,
  readRunRoster,
  saveRunResult,
  startRun,
  type Store,
} from "../../src/store/index.ts";
import { createStoreCache } from "../../src/store/store-cache.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, sortedEnrollments, trickySchool } from "./support/sample-problem.ts";

forEachDatabase((database) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await database.create());
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  it("reads a roster of several pages of enrollments back whole and in order, giving the event loop turns between pages", async () => {
    const school = trickySchool("HS-pages");
    await importProblem(store, districtOf(school));
    const sections = school.sections.map((s) => s.sectionId);
    // Two and a half pages of seats; student IDs that share prefixes, so the key's order matters.
    const enrollments: Enrollment[] = [];
    for (let n = 0; enrollments.length < ENROLLMENT_PAGE_ROWS * 2.5; n++)
      for (const sectionId of sections.slice(0, 3)) enrollments.push({ studentId: `S-${n}`, sectionId });
    const handle = await startRun(store, school.school.schoolId, { seed: 1 });
    const roster = { schoolId: school.school.schoolId, sections: [], enrollments, unscheduled: [] };
    await saveRunResult(store, handle, { roster });
    let turns = 0;
    const ticks = setInterval(() => turns++, 0);
    // A store with an empty cache: the roster comes from the database.
    const read = await readRunRoster({ ...store, cache: createStoreCache() }, handle.runId);
    clearInterval(ticks);
    expect(read.enrollments).toEqual(sortedEnrollments(roster));
    expect(turns).toBeGreaterThanOrEqual(1);
  });
});
