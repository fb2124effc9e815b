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

describe("one SQLite writer shared by concurrent callers, and a reader beside it", () => {
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

  it("answers a read outside a transaction at once, with the last commit, while another caller's transaction holds the connection", async () => {
    const other = rollingBackTransaction(store, (tx) =>
      tx.execute(`UPDATE school SET name = 'uncommitted' WHERE id = $1`, [id]),
    );
    await other.written;
    const read = await Promise.race([
      store.db.query<{ name: string }>(`SELECT name FROM school WHERE id = $1`, [id]).then((rows) => rows[0]!.name),
      store.db.queryArrays(`SELECT name FROM school WHERE id = $1`, [id]).then((rows) => String(rows[0]![0])),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting for the transaction"), 2000)),
    ]);
    other.finish();
    await other.done;
    expect(read).toBe(school.school.name);
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

  it("gives the event loop turns during a long bulk insert in a transaction, and no other statement gets into it", async () => {
    await store.db.execute(`CREATE TABLE IF NOT EXISTS bulk_probe (n INTEGER NOT NULL)`, []);
    // Few rows (a count of rows per turn, 2,000, gave no turn at all), slow to make: 10 ms per
    // 100 rows, 190 ms in all on any machine, so a turn every ~20 ms makes about nine.
    const total = 1_900;
    let produced = 0;
    function* rows() {
      for (let n = 0; n < total; n++) {
        if (n % 100 === 0) {
          const until = performance.now() + 10;
          while (performance.now() < until);
        }
        produced = n + 1;
        yield [n];
      }
    }
    const midway: number[] = [];
    const reads: Promise<{ count: number }[]>[] = [];
    const ticks = setInterval(() => {
      if (produced > 0 && produced < total) {
        midway.push(produced);
        reads.push(store.db.query<{ count: number }>(`SELECT COUNT(*) AS count FROM bulk_probe`, []));
      }
    }, 1);
    const written = await store.db.transaction((tx) =>
      tx.insertRows("bulk_probe", [{ name: "n", type: "integer" }], rows()),
    );
    clearInterval(ticks);
    expect(written).toBe(total);
    // Timers ran while the insert was under way, several times...
    expect(new Set(midway).size).toBeGreaterThanOrEqual(3);
    // ...and a read made then saw the last commit, without waiting for this one: none of the rows, never a part...
    for (const read of await Promise.all(reads)) expect(read[0]!.count).toBe(0);
    // ...and every row once it is committed.
    expect((await store.db.query<{ count: number }>(`SELECT COUNT(*) AS count FROM bulk_probe`, []))[0]!.count).toBe(
      total,
    );
  });
});
