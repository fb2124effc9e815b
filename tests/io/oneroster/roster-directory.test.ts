import { describe, expect, it } from "vitest";
import { groupBySchool } from "../../../src/domain/group-by-school.ts";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import { openRosterDirectory } from "../../../src/io/oneroster/roster-directory.ts";
import { idSourcedId } from "../../../src/io/oneroster/sourced-ids.ts";
import { renamedSchool } from "../../../fixtures/renamed-school.ts";
import { tinyProblem, tinyRoster } from "../../check/tiny-problem.ts";
import { csvRecords, oneRoster, withTempDir } from "./roster-dir.ts";

const options = { schoolYear: 2026 };

/** The tiny school, and a second one ("MS-202") whose students are "B:"-prefixed; its teachers too unless `sharedTeachers`. */
function twoSchools(sharedTeachers = false): { school: SchoolProblem; roster: SchoolRoster }[] {
  const [a] = groupBySchool(tinyProblem());
  const prefix = (id: string) => `B:${id}`;
  const teacher = (id: string | undefined) => (id === undefined || sharedTeachers ? id : prefix(id));
  const b = renamedSchool(a!, "MS-202", "B:");
  if (sharedTeachers) {
    b.teachers = a!.teachers.map((t) => ({ ...t, schoolId: "MS-202" }));
    b.sections = b.sections.map((s, i) => ({
      ...s,
      teacherId: a!.sections[i]!.teacherId,
      coTeacherId: a!.sections[i]!.coTeacherId,
    }));
  }
  const [roster] = tinyRoster();
  const bRoster: SchoolRoster = {
    schoolId: "MS-202",
    sections: roster!.sections.map((p) => {
      const placement = { ...p };
      if (p.teacherId !== undefined) placement.teacherId = teacher(p.teacherId);
      if (p.coTeacherId !== undefined) placement.coTeacherId = teacher(p.coTeacherId);
      return placement;
    }),
    enrollments: roster!.enrollments.map((e) => ({ ...e, studentId: prefix(e.studentId) })),
    unscheduled: roster!.unscheduled.map((u) => ({ ...u, studentId: prefix(u.studentId) })),
  };
  return [
    { school: a!, roster: roster! },
    { school: b, roster: bRoster },
  ];
}

/** Writes the schools one by one into a fresh directory and hands it to `check`. */
async function writeSchools(
  schools: { school: SchoolProblem; roster: SchoolRoster }[],
  check: (dir: string) => Promise<void>,
): Promise<void> {
  await withTempDir(async (dir) => {
    const directory = await openRosterDirectory(dir, options);
    for (const { school, roster } of schools) await directory.addSchool(school, roster);
    await directory.close({});
    await check(dir);
  });
}

describe("a roster directory written school by school", () => {
  it("lists every student of every school before any teacher, in users.csv and roles.csv alike", async () => {
    const schools = twoSchools();
    const students = schools.flatMap(({ school }) => school.students.map((s) => s.studentId));
    const teachers = schools.flatMap(({ school }) => school.teachers.map((t) => t.teacherId));
    await writeSchools(schools, async (dir) => {
      const users = await csvRecords(oneRoster(dir), "users.csv");
      expect(users.map((u) => u.identifier)).toEqual([...students, ...teachers]);
      const roles = await csvRecords(oneRoster(dir), "roles.csv");
      expect(roles.map((r) => `${r.role} ${r.userSourcedId}`)).toEqual([
        ...students.map((id) => `student ${idSourcedId(id)}`),
        ...teachers.map((id) => `teacher ${idSourcedId(id)}`),
      ]);
      const orgs = await csvRecords(oneRoster(dir), "orgs.csv");
      expect(orgs.map((o) => o.sourcedId)).toEqual(["district", "MS-101", "MS-202"]);
    });
  });

  it("writes a teacher of two schools once as a user, with a role at each school", async () => {
    await writeSchools(twoSchools(true), async (dir) => {
      const users = await csvRecords(oneRoster(dir), "users.csv");
      expect(users.filter((u) => u.identifier === "T-1")).toHaveLength(1);
      const roles = await csvRecords(oneRoster(dir), "roles.csv");
      expect(roles.filter((r) => r.userSourcedId === "T-1").map((r) => r.orgSourcedId)).toEqual(["MS-101", "MS-202"]);
    });
  });

  it("refuses a school whose student is a teacher of a school added before, and a second roster of one school", async () => {
    await withTempDir(async (dir) => {
      const [a, b] = twoSchools();
      b!.school.students[0]!.studentId = "T-1";
      b!.roster.enrollments = b!.roster.enrollments.filter((e) => e.studentId !== "B:100001");
      const directory = await openRosterDirectory(dir, options);
      await directory.addSchool(a!.school, a!.roster);
      await expect(directory.addSchool(b!.school, b!.roster)).rejects.toThrow(
        '"T-1" is both a student_id and a teacher_id; OneRoster users need distinct sourcedIds',
      );
    });
    await withTempDir(async (dir) => {
      const [a] = twoSchools();
      const directory = await openRosterDirectory(dir, options);
      await directory.addSchool(a!.school, a!.roster);
      await expect(directory.addSchool(a!.school, a!.roster)).rejects.toThrow('two rosters of school "MS-101"');
    });
  });

  it("refuses a school whose teacher is a student of a school added before, whether it or its caller records the students", async () => {
    for (const recordedByCaller of [false, true]) {
      await withTempDir(async (dir) => {
        const [a, b] = twoSchools();
        b!.school.students[0]!.studentId = "T-1";
        b!.roster.enrollments = b!.roster.enrollments.filter((e) => e.studentId !== "B:100001");
        // The caller's record, as `mse export`'s tally keeps it: every school's students, met before the directory adds it.
        const owner = new Map<string, string>();
        const meet = ({ school }: { school: SchoolProblem }) => {
          for (const { studentId } of school.students)
            if (!owner.has(studentId)) owner.set(studentId, school.school.schoolId);
        };
        const register = { schoolOf: (id: string) => owner.get(id), distinct: () => false };
        const directory = await openRosterDirectory(dir, options, recordedByCaller ? register : undefined);
        meet(b!);
        await directory.addSchool(b!.school, b!.roster);
        meet(a!);
        await expect(directory.addSchool(a!.school, a!.roster)).rejects.toThrow(
          '"T-1" is both a student_id and a teacher_id; OneRoster users need distinct sourcedIds',
        );
      });
    }
  });

  it("refuses a district org sourcedId that breaks the OneRoster rule before writing anything", async () => {
    await withTempDir(async (dir) => {
      await expect(openRosterDirectory(dir, { districtId: "the district" })).rejects.toThrow(
        'the district org sourcedId "the district" breaks the OneRoster rule',
      );
    });
  });
});
