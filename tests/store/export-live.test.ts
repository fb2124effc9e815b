import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreset } from "../../fixtures/generate.ts";
import { renamedSchool } from "../../fixtures/renamed-school.ts";
import { joinSchools } from "../../src/domain/join-schools.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { writeRoster } from "../../src/io/oneroster/write-roster.ts";
import { readRoster } from "../../src/io/oneroster/read-roster.ts";
import {
  exportLive,
  liveRunId,
  importProblem,
  closeStore,
  openStore,
  StudentInOtherSchoolError,
  type Store,
} from "../../src/store/index.ts";
import { runSchool } from "../../src/run/run-school.ts";
import { exportLiveRoster } from "../../src/run/export-live-roster.ts";
import { validateRoster } from "../../solver/check/validate-roster.ts";
import { liveRunReport } from "../../src/report/live-report.ts";

const schedule = { seed: 1, quality: "quick", loader: "solver" } as const;

/** The OneRoster files a roster directory of these schools holds. */
const ONEROSTER_FILES = [
  "manifest",
  "orgs",
  "academicSessions",
  "courses",
  "classes",
  "users",
  "roles",
  "enrollments",
].map((name) => `${name}.csv`);

/** The school with every section ID changed, as a district's second import of it might be. */
function withNewSectionIds(school: SchoolProblem): SchoolProblem {
  const id = (s: string) => `NEW-${s}`;
  return {
    ...school,
    sections: school.sections.map((s) => ({ ...s, sectionId: id(s.sectionId) })),
    requests: school.requests.map((r) =>
      r.lockedSectionId === undefined ? r : { ...r, lockedSectionId: id(r.lockedSectionId) },
    ),
  };
}

describe("mse export goes school by school, and says which schools it left out and why", () => {
  let work: string;
  let store: Store;
  const [a, b, c] = ["EXP-A", "EXP-B", "EXP-C"].map((id) => renamedSchool(generatePreset("tiny", 1), id, `${id}:`)) as [
    SchoolProblem,
    SchoolProblem,
    SchoolProblem,
  ];
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-export-"));
    store = await openStore(`file:${path.join(work, "store.db")}`);
    await importProblem(store, joinSchools([a, b, c]));
    for (const school of [a, b, c]) await runSchool(store, school.school.schoolId, { schedule });
  });
  afterAll(async () => {
    await closeStore(store);
    await rm(work, { recursive: true, force: true });
  });

  it("exports the other schools when one was re-imported with other section IDs, naming the one left out", async () => {
    await importProblem(store, joinSchools([withNewSectionIds(a)]));
    const live = await exportLive(store);
    expect(live.rosters.map((r) => r.schoolId)).toEqual(["EXP-B", "EXP-C"]);
    expect(live.skipped).toHaveLength(1);
    expect(live.skipped[0]).toMatchObject({ schoolId: "EXP-A" });
    expect(live.skipped[0]!.reason).toMatch(
      /^live run \d+ breaks \d+ hard constraints of the school's problem \(its problem changed after run \d+ was made: version 1 → 2; run the school again\)$/,
    );
    expect(live.skipped[0]!.violations!.some((v) => v.constraint === "unknown-section")).toBe(true);
    // What is exported is whole and valid: it can be written and read back.
    expect(validateRoster(live.problem, live.rosters)).toEqual([]);
    const out = path.join(work, "roster");
    await writeRoster(out, live.problem, live.rosters, liveRunReport(live));
    expect((await readRoster(out)).map((r) => r.schoolId)).toEqual(["EXP-B", "EXP-C"]);
    // Unwritable against the problem as it is now: left out even when invalid rosters are allowed.
    expect((await exportLive(store, undefined, { force: true })).skipped.map((s) => s.schoolId)).toEqual(["EXP-A"]);
    await runSchool(store, "EXP-A", { schedule });
    expect((await exportLive(store)).skipped).toEqual([]);
  });

  it("leaves out a live roster that breaks a hard constraint unless asked to export it anyway", async () => {
    const runId = (await liveRunId(store, "EXP-B"))!;
    const [seat] = await store.db.query<{ student_id: string; section_id: string }>(
      `SELECT student_id, section_id FROM assignment WHERE run_id = $1 LIMIT 1`,
      [runId],
    );
    const other = b.sections.find(
      (s) => s.courseId !== b.sections.find((x) => x.sectionId === seat!.section_id)!.courseId,
    )!;
    // A second section of the same course would do too; a grade-ineligible or unrequested one is enough to break constraint 3.
    await store.db.execute(`INSERT INTO assignment (run_id, student_id, section_id) VALUES ($1, $2, $3)`, [
      runId,
      seat!.student_id,
      other.sectionId,
    ]);
    const refused = await exportLive(store);
    expect(refused.skipped.map((s) => s.schoolId)).toEqual(["EXP-B"]);
    expect(refused.rosters.map((r) => r.schoolId)).toEqual(["EXP-A", "EXP-C"]);
    const forced = await exportLive(store, undefined, { force: true });
    expect(forced.forced.map((s) => s.schoolId)).toEqual(["EXP-B"]);
    expect(forced.rosters.map((r) => r.schoolId)).toEqual(["EXP-A", "EXP-B", "EXP-C"]);
    await runSchool(store, "EXP-B", { schedule });
  });

  it("writes school by school (mse export's stream) byte for byte what exportLive then writeRoster write", async () => {
    const options = { schoolYear: 2027 };
    const whole = path.join(work, "whole");
    const live = await exportLive(store);
    await writeRoster(whole, live.problem, live.rosters, liveRunReport(live), options);
    const streamed = path.join(work, "streamed");
    const exported = await exportLiveRoster(store, streamed, { kind: "roster" }, options);
    expect(exported.exported).toBe(3);
    expect(exported.runs).toEqual(live.runs);
    for (const file of [...ONEROSTER_FILES.map((f) => path.join("oneroster", f)), "unscheduled.csv", "report.json"])
      expect(await readFile(path.join(streamed, file), "utf8")).toBe(await readFile(path.join(whole, file), "utf8"));
  });

  it("writes the same bytes whether schools are read, checked and built on pool threads or on its own thread", async () => {
    const options = { schoolYear: 2027 };
    const pooled = path.join(work, "pooled");
    const alone = path.join(work, "alone");
    const onPool = await exportLiveRoster(store, pooled, { kind: "roster" }, { ...options, threads: 2 });
    const onThread = await exportLiveRoster(store, alone, { kind: "roster" }, { ...options, threads: 0 });
    expect(onPool.exported).toBe(3);
    expect(onPool.runs).toEqual(onThread.runs);
    for (const file of [...ONEROSTER_FILES.map((f) => path.join("oneroster", f)), "unscheduled.csv", "report.json"])
      expect(await readFile(path.join(pooled, file), "utf8")).toBe(await readFile(path.join(alone, file), "utf8"));
  });

  it("leaves the folder as it was when no school has a live roster to export", async () => {
    const out = path.join(work, "streamed");
    const before = await readFile(path.join(out, "oneroster", "users.csv"), "utf8");
    const exported = await exportLiveRoster(store, out, { kind: "roster" }, { schoolIds: ["NO-SUCH-SCHOOL"] });
    expect(exported).toMatchObject({ exported: 0, unpublished: ["NO-SUCH-SCHOOL"] });
    expect(await readFile(path.join(out, "oneroster", "users.csv"), "utf8")).toBe(before);
  });

  it("refuses to export a store where two schools claim one student, naming both", async () => {
    const student = c.students[0]!.studentId;
    const taken = b.students[0]!.studentId;
    // Data from before IDs were checked district-wide: the store's own writers refuse this now.
    await store.db.execute(`UPDATE student SET student_id = $1 WHERE school_id = 'EXP-C' AND student_id = $2`, [
      taken,
      student,
    ]);
    await store.db.execute(`UPDATE school SET problem_version = problem_version + 1 WHERE id = 'EXP-C'`, []);
    const refused = exportLive(store);
    await expect(refused).rejects.toThrow(StudentInOtherSchoolError);
    await expect(refused).rejects.toThrow(`student ${JSON.stringify(taken)} of "EXP-C" is already at "EXP-B"`);
  });

  it("leaves the folder as it was when, streaming, two schools turn out to claim one student", async () => {
    const out = path.join(work, "streamed");
    const before = await readFile(path.join(out, "oneroster", "users.csv"), "utf8");
    await expect(exportLiveRoster(store, out, { kind: "roster" })).rejects.toThrow(StudentInOtherSchoolError);
    // The same when the schools are read on pool threads: the claims are gathered on this one.
    await expect(exportLiveRoster(store, out, { kind: "roster" }, { threads: 2 })).rejects.toThrow(
      StudentInOtherSchoolError,
    );
    expect(await readFile(path.join(out, "oneroster", "users.csv"), "utf8")).toBe(before);
    expect((await readdir(work)).filter((name) => name.includes(".partial-"))).toEqual([]);
  });
});
