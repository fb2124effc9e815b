import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closeStore,
  openStore,
  importProblem,
  listSchoolIds,
  readSchoolProblem,
  readSchoolProblemVersioned,
  UnknownSchoolError,
  UnknownStudentError,
  type Store,
} from "../../src/store/index.ts";
import path from "node:path";
import { groupBySchool } from "../../src/domain/group-by-school.ts";
import { readProblem } from "../../src/io/interchange/read-problem.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, trickySchool } from "./support/sample-problem.ts";

forEachDatabase((database) => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await database.create());
  });
  afterEach(async () => {
    await closeStore(store);
  });
  afterAll(() => database.destroy());

  it("reads each school back row for row and in order, IDs and names with apostrophes, quotes and Unicode intact", async () => {
    const a = trickySchool("MS-O'Hara");
    const b = trickySchool('Escuela Nuñez; "Sur" 🌵');
    await importProblem(store, districtOf(a, b));
    expect(await listSchoolIds(store)).toEqual([a.school.schoolId, b.school.schoolId]);
    expect(await readSchoolProblem(store, a.school.schoolId)).toEqual(a);
    expect(await readSchoolProblem(store, b.school.schoolId)).toEqual(b);
  });

  it("reads back the shared tiny example (every column of the interchange format) as it was read from CSV, value for value", async () => {
    const { problem } = await readProblem(path.resolve(import.meta.dirname, "../../fixtures/examples/tiny"));
    await importProblem(store, problem);
    const [school] = groupBySchool(problem);
    expect(await readSchoolProblem(store, school!.school.schoolId)).toEqual(school);
  });

  it("replaces a school's whole problem on re-import and bumps its version, leaving other schools alone", async () => {
    const a = trickySchool("A");
    const b = trickySchool("B");
    await importProblem(store, districtOf(a, b));
    const smaller = { ...a, students: a.students.slice(0, 2), requests: a.requests.slice(0, 2), avoid: [] };
    const summary = await importProblem(store, districtOf(smaller));
    expect(summary.versions).toEqual({ A: 2 });
    expect(await readSchoolProblem(store, "A")).toEqual(smaller);
    expect(await readSchoolProblemVersioned(store, "B")).toEqual({ problem: b, problemVersion: 1 });
  });

  it("rejects a whole import when one row breaks a key (a duplicate section) and leaves the store as it was", async () => {
    const a = trickySchool("A");
    await importProblem(store, districtOf(a));
    const broken = trickySchool("A");
    broken.students = broken.students.slice(0, 1);
    broken.sections = [...broken.sections, broken.sections[0]!];
    const other = trickySchool("C");
    await expect(importProblem(store, districtOf(other, broken))).rejects.toThrow();
    expect(await listSchoolIds(store)).toEqual(["A"]);
    expect(await readSchoolProblemVersioned(store, "A")).toEqual({ problem: a, problemVersion: 1 });
  });

  it("reads a school's requests back in input order when the file does not list each student's requests together", async () => {
    const a = trickySchool("A");
    // By course, then against the students' order: every student's requests spread out.
    const order = [5, 0, 3, 2, 4, 1];
    const spread = { ...a, requests: order.map((i) => a.requests[i]!) };
    await importProblem(store, districtOf(spread));
    expect(await readSchoolProblem(store, "A")).toEqual(spread);
    const b = { ...spread, requests: [...spread.requests].reverse() };
    await importProblem(store, districtOf(b));
    expect(await readSchoolProblem(store, "A")).toEqual(b);
  });

  it("refuses an import with a request of a student the school does not have, naming both, and writes nothing", async () => {
    const a = trickySchool("A");
    const stray = { ...a, requests: [...a.requests, { ...a.requests[0]!, studentId: "A:nobody'" }] };
    await expect(importProblem(store, districtOf(trickySchool("B"), stray))).rejects.toThrow(UnknownStudentError);
    await expect(importProblem(store, districtOf(stray))).rejects.toThrow(`school "A" has no student "A:nobody'"`);
    expect(await listSchoolIds(store)).toEqual([]);
  });

  it("says which school is missing when asked for one that was never imported", async () => {
    await expect(readSchoolProblem(store, "nowhere")).rejects.toThrow(UnknownSchoolError);
    await expect(readSchoolProblem(store, "nowhere")).rejects.toThrow(/"nowhere" is not in the store: import it first/);
  });
});

describe("opening the store", () => {
  it("keeps a SQLite store durable: WAL journal, synchronous=FULL, foreign keys enforced", async () => {
    const database = (await import("./support/databases.ts")).sqliteDatabase();
    const store = await openStore(await database.create());
    try {
      const pragma = async (name: string) =>
        (await store.db.query<Record<string, unknown>>(`PRAGMA ${name}`, []))[0]![name];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(2); // FULL
      expect(await pragma("foreign_keys")).toBe(1);
    } finally {
      await closeStore(store);
      await database.destroy();
    }
  });

  it("defaults to the embedded SQLite file and picks PostgreSQL from a postgresql:// URL", async () => {
    const { storeKind, resolveStoreUrl, DEFAULT_STORE_URL } = await import("../../src/store/store-url.ts");
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(resolveStoreUrl()).toBe(DEFAULT_STORE_URL);
      expect(storeKind(DEFAULT_STORE_URL)).toBe("sqlite");
      expect(storeKind("postgresql://u@h:5432/db")).toBe("postgresql");
      expect(storeKind("postgres://u@h/db")).toBe("postgresql");
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});
