import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { renamedSchool } from "../../fixtures/renamed-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { exportLiveRoster } from "../../src/run/export-live-roster.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { closeStore, importProblem, openStore, type Store } from "../../src/store/index.ts";
import { forEachDatabase } from "../store/support/databases.ts";

const FILES = ["orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments", "manifest"]
  .map((name) => path.join("oneroster", `${name}.csv`))
  .concat(["unscheduled.csv", "report.json"]);

forEachDatabase((database) => {
  let work: string;
  let store: Store;
  const schools = ["POOL-A", "POOL-B", "POOL-C", "POOL-D"].map((id) =>
    renamedSchool(generatePreset("tiny", 1), id, `${id}:`),
  );
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-export-pool-"));
    store = await openStore(await database.create());
    await importProblem(store, joinSchools(schools));
    for (const school of schools)
      await runSchool(store, school.school.schoolId, { schedule: { seed: 1, quality: "quick", loader: "solver" } });
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
    await rm(work, { recursive: true, force: true });
  });

  // One pool thread: on PostgreSQL it works on two schools at once (their reads interleaved on
  // its connections), and the files must still hold the schools in order, each whole.
  it("writes the same bytes from one pool thread as from its own thread, every school in order", async () => {
    const options = { schoolYear: 2027 };
    const pooled = path.join(work, "pooled");
    const alone = path.join(work, "alone");
    const onPool = await exportLiveRoster(store, pooled, { kind: "roster" }, { ...options, threads: 1 });
    const onThread = await exportLiveRoster(store, alone, { kind: "roster" }, { ...options, threads: 0 });
    expect(onPool.exported).toBe(schools.length);
    expect(onPool.runs).toEqual(onThread.runs);
    expect(Object.keys(onPool.runs)).toEqual(schools.map((school) => school.school.schoolId));
    for (const file of FILES)
      expect(await readFile(path.join(pooled, file), "utf8")).toBe(await readFile(path.join(alone, file), "utf8"));
  });
});
