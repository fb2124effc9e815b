import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeStore,
  importProblem,
  openStore,
  upsertStudent,
  vouchForStudentIds,
  type Store,
} from "../../src/store/index.ts";
import { studentClaims } from "../../src/store/student-identity.ts";
import { forEachDatabase } from "./support/databases.ts";
import { districtOf, trickySchool } from "./support/sample-problem.ts";

describe("claims of schools the store vouched for", () => {
  const schools = {
    A: ["1", "2", "3"],
    B: ["4", "5"],
    C: ["6", "2", "4"],
  };
  /** What studentClaims finds of the schools added in order, each read at `read`'s version. */
  const claimsOf = (vouched: Map<string, number> | undefined, read: Record<string, number>) => {
    const claims = studentClaims(vouched && { versions: vouched });
    const distinct: boolean[] = [];
    for (const [schoolId, ids] of Object.entries(schools)) {
      claims.addIds(schoolId, ids, read[schoolId]);
      distinct.push(claims.distinct());
    }
    return { found: claims.found, distinct, owners: ["1", "4", "6"].map(claims.schoolOf) };
  };

  it("finds the same shared students as looking at every one, once a school was read at another version than vouched", () => {
    const vouched = new Map([
      ["A", 1],
      ["B", 1],
      ["C", 1],
    ]);
    const changed = claimsOf(vouched, { A: 1, B: 1, C: 2 });
    expect(changed.found).toEqual([
      { studentId: "2", schoolId: "C", otherSchoolId: "A" },
      { studentId: "4", schoolId: "C", otherSchoolId: "B" },
    ]);
    expect(changed).toEqual({ ...claimsOf(undefined, { A: 1, B: 1, C: 2 }), distinct: [true, true, false] });
  });

  it("looks at no student of the schools read at the versions vouched for", () => {
    const vouched = new Map([
      ["A", 3],
      ["B", 1],
    ]);
    // C is no school the store vouched for: looked at, with every school before it.
    expect(claimsOf(vouched, { A: 3, B: 1 }).distinct).toEqual([true, true, false]);
    const { found, distinct, owners } = claimsOf(new Map([...vouched, ["C", 1]]), { A: 3, B: 1, C: 1 });
    expect({ found, distinct, owners }).toEqual({
      found: [],
      distinct: [true, true, true],
      owners: [undefined, undefined, undefined],
    });
  });
});

forEachDatabase((database) => {
  let store: Store;
  const [a, b] = [trickySchool("VOUCH-A"), trickySchool("VOUCH-B")];
  beforeAll(async () => {
    store = await openStore(await database.create());
    await importProblem(store, districtOf(a, b));
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });

  // The specs run in order, each making the store less clean.
  it("vouches for a store whose every student ID is one school's and no teacher's, giving each school's problem version", async () => {
    await importProblem(store, districtOf(b));
    expect(await vouchForStudentIds(store)).toEqual({
      versions: new Map([
        ["VOUCH-A", 1],
        ["VOUCH-B", 2],
      ]),
    });
  });

  it("does not vouch for a store where a student ID is a teacher's of another school", async () => {
    const teacherId = b.teachers[0]!.teacherId;
    await upsertStudent(store, "VOUCH-A", { ...a.students[0]!, studentId: teacherId }, []);
    expect(await vouchForStudentIds(store)).toBeUndefined();
    await importProblem(store, districtOf(a));
    expect(await vouchForStudentIds(store)).toBeDefined();
  });

  it("does not vouch for a store where two schools list one student (data from before IDs were checked)", async () => {
    await store.db.execute(`UPDATE student SET student_id = $1 WHERE school_id = 'VOUCH-B' AND student_id = $2`, [
      a.students[0]!.studentId,
      b.students[0]!.studentId,
    ]);
    expect(await vouchForStudentIds(store)).toBeUndefined();
  });
});
