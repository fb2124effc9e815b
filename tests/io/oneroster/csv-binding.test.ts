import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRoster } from "../../../solver/check/validate-roster.ts";
import { generatePreset } from "../../../fixtures/generate.ts";
import { joinSchools } from "../../../src/domain/join-schools.ts";
import type { Problem, SchoolProblem } from "../../../src/domain/problem.ts";
import { readRoster } from "../../../src/io/oneroster/read-roster.ts";
import { writeRoster } from "../../../src/io/oneroster/write-roster.ts";
import { groupBySchool } from "../../../src/domain/group-by-school.ts";
import { summarize } from "../../../src/report/run-report.ts";
import { inlineExecutor } from "../../../src/district/inline-executor.ts";
import { fromFiles, runSchools } from "../../../src/district/run-schools.ts";
import { tinyProblem, tinyRoster } from "../../check/tiny-problem.ts";
import { awkwardIds } from "./awkward-ids.ts";
import { checkCsvBinding, csvSetOfDirectory, csvSetOfZip } from "./csv-binding-check.ts";
import { csvRecords, oneRoster, sortedRosters, withTempDir } from "./roster-dir.ts";

const asProblem = (school: SchoolProblem): Problem => joinSchools([school]);

/** Schedules a problem (first-fit: fast, and the roster is what is checked here), exports it with a zip, checks both against the binding and reads it back. */
async function exportAndCheck(problem: Problem): Promise<void> {
  const { rosters, reports } = await runSchools(fromFiles(groupBySchool(problem)), inlineExecutor(), {
    schedule: { seed: 1, quality: "quick", loader: "first-fit" },
    failFast: true,
  });
  const report = summarize(reports, { startedAt: new Date(), finishedAt: new Date(), parameters: {} });
  expect(validateRoster(problem, rosters)).toEqual([]);
  await withTempDir(async (dir) => {
    await writeRoster(dir, problem, rosters, report, { schoolYear: 2027, zip: true });
    expect(checkCsvBinding(await csvSetOfDirectory(oneRoster(dir)))).toEqual([]);
    expect(checkCsvBinding(await csvSetOfZip(join(dir, "oneroster.zip")))).toEqual([]);
    expect(sortedRosters(await readRoster(dir))).toEqual(sortedRosters(rosters));
  });
}

describe("the roster directory against the OneRoster 1.2.1 CSV binding", () => {
  it("passes every rule on the tiny preset, and reads back to the rosters written", async () => {
    await exportAndCheck(asProblem(generatePreset("tiny", 1)));
  });

  it("passes every rule on the high-school preset", async () => {
    await exportAndCheck(asProblem(generatePreset("high-school", 1)));
  });

  it("passes every rule on the district-small preset (20 schools)", async () => {
    await exportAndCheck(joinSchools([...generatePreset("district-small", 1)]));
  }, 120_000);

  it("passes every rule when every ID holds spaces, apostrophes, commas and accents, and reads back to those IDs", async () => {
    const problem = awkwardIds(asProblem(generatePreset("high-school", 2)));
    await exportAndCheck(problem);
    const { rosters, reports } = await runSchools(fromFiles(groupBySchool(problem)), inlineExecutor(), {
      schedule: { seed: 1, quality: "quick", loader: "first-fit" },
      failFast: true,
    });
    const report = summarize(reports, { startedAt: new Date(), finishedAt: new Date(), parameters: {} });
    await withTempDir(async (dir) => {
      await writeRoster(dir, problem, rosters, report, { schoolYear: 2027 });
      const classes = await csvRecords(oneRoster(dir), "classes.csv");
      expect(new Set(classes.map((c) => c.classCode))).toEqual(new Set(problem.sections.map((s) => s.sectionId)));
      const orgs = await csvRecords(oneRoster(dir), "orgs.csv");
      expect(orgs.find((o) => o.type === "school")!.identifier).toBe(problem.schools[0]!.schoolId);
      const courses = await csvRecords(oneRoster(dir), "courses.csv");
      expect(new Set(courses.map((c) => c.courseCode))).toEqual(new Set(problem.courses.map((c) => c.courseId)));
    });
  });

  it("gives every object the same sourcedId in every export (name-based UUIDs, not random ones)", async () => {
    const problem = awkwardIds(tinyProblem());
    const { rosters } = await runSchools(fromFiles(groupBySchool(problem)), inlineExecutor(), {
      schedule: { seed: 1, quality: "quick", loader: "first-fit" },
      failFast: true,
    });
    await withTempDir(async (dir) => {
      await writeRoster(join(dir, "a"), problem, rosters, {}, { schoolYear: 2027 });
      await writeRoster(join(dir, "b"), problem, rosters, {}, { schoolYear: 2027 });
      for (const file of [
        "orgs.csv",
        "users.csv",
        "courses.csv",
        "classes.csv",
        "academicSessions.csv",
        "roles.csv",
        "enrollments.csv",
      ]) {
        expect(await readFile(join(oneRoster(join(dir, "a")), file), "utf8")).toBe(
          await readFile(join(oneRoster(join(dir, "b")), file), "utf8"),
        );
      }
    });
  });

  it("writes the email of a student or teacher who has one, as email and username", async () => {
    const problem = tinyProblem();
    problem.students[0]!.email = "siobhan.obrien@example.org";
    problem.teachers[0]!.email = "t1@example.org";
    await withTempDir(async (dir) => {
      await writeRoster(dir, problem, tinyRoster(), {}, { schoolYear: 2027 });
      const users = await csvRecords(oneRoster(dir), "users.csv");
      expect(users.find((u) => u.identifier === problem.students[0]!.studentId)).toMatchObject({
        email: "siobhan.obrien@example.org",
        username: "siobhan.obrien@example.org",
      });
      expect(users.find((u) => u.identifier === problem.teachers[0]!.teacherId)).toMatchObject({
        email: "t1@example.org",
        username: "t1@example.org",
      });
      expect(users.find((u) => u.identifier === problem.students[1]!.studentId)).toMatchObject({
        email: "",
        username: problem.students[1]!.studentId,
      });
      expect(checkCsvBinding(await csvSetOfDirectory(oneRoster(dir)))).toEqual([]);
    });
  });

  it("keeps unscheduled.csv and report.json beside the OneRoster folder, so the folder matches its manifest", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, { schoolYear: 2027, zip: true });
      const set = await csvSetOfZip(join(dir, "oneroster.zip"));
      expect([...set.keys()].sort()).toEqual([
        "academicSessions.csv",
        "classes.csv",
        "courses.csv",
        "enrollments.csv",
        "manifest.csv",
        "orgs.csv",
        "roles.csv",
        "users.csv",
      ]);
      expect(JSON.parse(await readFile(join(dir, "report.json"), "utf8"))).toEqual({});
      expect((await readFile(join(dir, "unscheduled.csv"), "utf8")).split("\n")[0]).toBe(
        "school_id,student_id,course_id,priority,reason",
      );
    });
  });

  it("leaves out a file that would have no rows, and marks it absent", async () => {
    const problem = tinyProblem();
    const rosters = tinyRoster().map((r) => ({ ...r, sections: [], enrollments: [], unscheduled: [] }));
    await withTempDir(async (dir) => {
      await writeRoster(dir, problem, rosters, {}, { schoolYear: 2027 });
      const set = await csvSetOfDirectory(oneRoster(dir));
      expect(set.has("classes.csv")).toBe(false);
      expect(set.has("enrollments.csv")).toBe(false);
      expect(checkCsvBinding(set)).toEqual([]);
    });
  });
});

describe("the binding check itself", () => {
  it("finds a colon in a sourcedId, a header out of order, a dangling reference, an exclusive end not after the start, and a file in a folder", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, { schoolYear: 2027 });
      const set = await csvSetOfDirectory(oneRoster(dir));
      const edit = (file: string, change: (text: string) => string) =>
        set.set(file, Buffer.from(change(Buffer.from(set.get(file)!).toString("utf8"))));
      edit("classes.csv", (text) => text.replace("MS-101/MATH7-1", "MS-101:MATH7-1"));
      edit("courses.csv", (text) => text.replace("schoolYearSourcedId,title", "title,schoolYearSourcedId"));
      edit("roles.csv", (text) => text.replace(/,T-4,/, ",T-404,"));
      edit("academicSessions.csv", (text) => text.replace("2026-07-01,2026-12-30", "2026-07-01,2026-07-01"));
      set.set("oneroster/extra.csv", new Uint8Array());
      const errors = checkCsvBinding(set);
      expect(errors.join("\n")).toMatch(/classes\.csv:\d+: sourcedId: "MS-101:MATH7-1" is not a GUID/);
      expect(errors.join("\n")).toMatch(/courses\.csv:1: header/);
      expect(errors.join("\n")).toMatch(/roles\.csv:\d+: userSourcedId: "T-404" is not a row of users\.csv/);
      expect(errors.join("\n")).toMatch(
        /academicSessions\.csv:\d+: endDate 2026-07-01 is not after startDate 2026-07-01/,
      );
      expect(errors.join("\n")).toMatch(/oneroster\/extra\.csv: not at the root/);
      expect(errors.join("\n")).toMatch(
        /enrollments\.csv:\d+: classSourcedId: "MS-101\/MATH7-1" is not a row of classes\.csv/,
      );
    });
  });

  it("finds status in a bulk file, an unknown enumeration value and a manifest that names a missing file", async () => {
    await withTempDir(async (dir) => {
      await writeRoster(dir, tinyProblem(), tinyRoster(), {}, { schoolYear: 2027 });
      await writeFile(
        join(oneRoster(dir), "orgs.csv"),
        (await readFile(join(oneRoster(dir), "orgs.csv"), "utf8")).replace(
          "district,,,District,district",
          "district,active,,District,county",
        ),
      );
      await mkdir(join(dir, "x"), { recursive: true });
      const set = await csvSetOfDirectory(oneRoster(dir));
      set.delete("users.csv");
      const errors = checkCsvBinding(set).join("\n");
      expect(errors).toMatch(/orgs\.csv:2: status: must be empty in bulk mode/);
      expect(errors).toMatch(/orgs\.csv:2: type: "county" is not one of/);
      expect(errors).toMatch(/users\.csv: declared bulk in manifest\.csv but missing/);
    });
  });
});
