import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import { closeStore, importProblem, openStore, type Queryable, type Store } from "../../src/store/index.ts";
import { tinySchool } from "./support/tiny-school.ts";

/** Opens a transaction that writes, then waits for `hold` and rolls back; resolves `opened` once it has written. */
function rollingBackTransaction(store: Store, write: (tx: Queryable) => Promise<unknown>) {
  let opened!: () => void;
  let finish!: () => void;
  const written = new Promise<void>((resolve) => (opened = resolve));
  const hold = new Promise<void>((resolve) => (finish = resolve));
  const done = store.db
    .transaction(async (tx) => {
      await write(tx);
      opened();
      await hold;
      throw new Error("rolled back on purpose");
    })
    .catch(() => undefined);
  return { written, finish, done };
}

describe("one SQLite connection shared by concurrent callers", () => {
  const school = tinySchool("MS-gate");
  const id = school.school.schoolId;
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mse-gate-"));
    store = await openStore(`file:${path.join(dir, "mse.db")}`);
    await importProblem(store, joinSchools([school]));
  });
  afterAll(async () => {
    await closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  });

  it("never shows a read outside a transaction the rows of another caller's open transaction", async () => {
    const other = rollingBackTransaction(store, (tx) =>
      tx.execute(`UPDATE school SET name = 'uncommitted' WHERE id = $1`, [id]),
    );
    await other.written;
    const raw = store.db.query<{ name: string }>(`SELECT name FROM school WHERE id = $1`, [id]);
    const inTransaction = store.db.transaction((tx) =>
      tx.query<{ name: string }>(`SELECT name FROM school WHERE id = $1`, [id]),
    );
    other.finish();
    await other.done;
    expect((await raw)[0]!.name).toBe(school.school.name);
    expect((await inTransaction)[0]!.name).toBe(school.school.name);
  });

  it("keeps a write made outside a transaction when another caller's transaction rolls back", async () => {
    const other = rollingBackTransaction(store, (tx) =>
      tx.execute(`UPDATE school SET periods = periods WHERE id = $1`, [id]),
    );
    await other.written;
    const write = store.db.execute(`UPDATE school SET name = $2 WHERE id = $1`, [id, "O'Connor Middle"]);
    other.finish();
    await other.done;
    expect(await write).toBe(1);
    expect((await store.db.query<{ name: string }>(`SELECT name FROM school WHERE id = $1`, [id]))[0]!.name).toBe(
      "O'Connor Middle",
    );
  });
});
