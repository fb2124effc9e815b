import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { joinSchools } from "../../src/domain/join-schools.ts";
import {
  closeStore,
  getRun,
  importProblem,
  openStore,
  startRun,
  storeRefusalCode,
  type Store,
} from "../../src/store/index.ts";
import { forEachDatabase } from "./support/databases.ts";
import { tinySchool } from "./support/tiny-school.ts";

forEachDatabase((database) => {
  const school = tinySchool("DIALECT-1");
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await database.create());
    await importProblem(store, joinSchools([school]));
  });
  afterAll(async () => {
    await closeStore(store);
    await database.destroy();
  });
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("reads a timestamp back as the instant written, whatever the process's time zone", async () => {
    process.env.TZ = "America/Los_Angeles";
    const before = Date.now();
    const handle = await startRun(store, school.school.schoolId, { seed: 1 });
    const started = (await getRun(store, handle.runId))!.startedAt;
    expect(started.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(started.getTime()).toBeLessThanOrEqual(Date.now() + 1);
    process.env.TZ = "Asia/Kolkata";
    expect((await getRun(store, handle.runId))!.startedAt.getTime()).toBe(started.getTime());
  });

  it("binds apostrophes, any Unicode, booleans and NULL, and lists IDs holding any character", async () => {
    const ids = ["O'Brien", "李", "a,b", 'say "hi"', "\u{1F600}"];
    const rows = await store.db.query<Record<string, string>>(`SELECT * FROM (${store.dialect.idList(1)}) AS ids`, [
      JSON.stringify(ids),
    ]);
    expect(rows.map((r) => Object.values(r)[0]).sort()).toEqual([...ids].sort());
    const [bound] = await store.db.query<{ yes: unknown; no: unknown; none: unknown }>(
      `SELECT $1 AS yes, $2 AS no, $3 AS none`,
      [true, false, null],
    );
    expect([String(bound!.yes), String(bound!.no), bound!.none]).toEqual(
      store.kind === "sqlite" ? ["1", "0", null] : ["true", "false", null],
    );
  });

  // A few rows go in one statement on PostgreSQL, many through COPY: both are checked.
  it.each([8, 5_000])(
    "bulk-inserts any text exactly (tabs, newlines, backslashes, a literal \\N, apostrophes, Unicode, empty) and NULL, in %i rows",
    async (count) => {
      const odd = ["tab\there", "new\nline\r\n", "back\\slash", "\\N", "O'Brien", "Zoë 李 \u{1F600}", "", null];
      const rows = Array.from({ length: count }, (_, i) => [i, odd[i % odd.length]!, i % 3 === 0 ? null : i % 2 === 0]);
      const read = await store.db.transaction(async (tx) => {
        await tx.execute(
          `CREATE TEMPORARY TABLE bulk_probe (k INTEGER NOT NULL, n INTEGER NOT NULL, t TEXT, flag BOOLEAN)`,
          [],
        );
        const written = await tx.insertRows(
          "bulk_probe",
          [
            { name: "n", type: "integer" },
            { name: "t", type: "text" },
            { name: "flag", type: "boolean" },
          ],
          rows,
          { constants: [{ name: "k", type: "integer", value: 7 }] },
        );
        expect(written).toBe(rows.length);
        const back = await tx.query<{ k: unknown; n: unknown; t: string | null; flag: unknown }>(
          `SELECT k, n, t, flag FROM bulk_probe ORDER BY n`,
          [],
        );
        await tx.execute(`DROP TABLE bulk_probe`, []);
        return back;
      });
      const asBoolean = (flag: unknown) => (flag === null ? null : flag === true || flag === 1);
      expect(read.map((r) => [Number(r.n), r.t, asBoolean(r.flag)])).toEqual(rows);
      expect(read.every((r) => Number(r.k) === 7)).toBe(true);
    },
  );

  it.each([8, 5_000])(
    "bulk-inserts a utf8 column's UTF-8 bytes as the text they encode, beside texts and NULL, in %i rows",
    async (count) => {
      const odd = ["tab\there", "back\\slash", "\\N", "O'Brien", 'say "hi"', "Zoë 李 \u{1F600}", "", null];
      const texts = Array.from({ length: count }, (_, i) => odd[i % odd.length]!);
      const values = texts.map((t, i) => (t !== null && i % 3 !== 0 ? new TextEncoder().encode(t) : t));
      const read = await store.db.transaction(async (tx) => {
        await tx.execute(`CREATE TEMPORARY TABLE utf8_probe (n INTEGER NOT NULL, t TEXT)`, []);
        await tx.insertRows(
          "utf8_probe",
          [
            { name: "n", type: "integer" },
            { name: "t", type: "text", utf8: true },
          ],
          values.map((v, i) => [i, v]),
        );
        const back = await tx.query<{ t: unknown }>(`SELECT t FROM utf8_probe ORDER BY n`, []);
        await tx.execute(`DROP TABLE utf8_probe`, []);
        return back;
      });
      expect(read.map((r) => r.t)).toEqual(texts);
    },
  );

  it("rolls a bulk load back whole at a failed row, and checks foreign keys again after it", async () => {
    const schoolId = school.school.schoolId;
    const terms = () =>
      store.db.queryArrays(`SELECT term_id, position FROM term WHERE school_id = $1 ORDER BY position`, [schoolId]);
    const before = await terms();
    // 200 new terms, the 150th a term the school already has: its key is taken.
    const rows = Array.from({ length: 200 }, (_, i) => [schoolId, i === 149 ? before[0]![0] : `BULK-${i}`, 1000 + i]);
    const columns = [
      { name: "school_id", type: "text" as const },
      { name: "term_id", type: "text" as const },
      { name: "position", type: "integer" as const },
    ];
    await expect(
      store.db.transaction(async (tx) => tx.insertRows("term", columns, rows), { bulkLoad: true }),
    ).rejects.toThrow();
    expect(await terms()).toEqual(before);
    await expect(
      store.db.transaction(async (tx) => tx.insertRows("term", columns, [["NO-SUCH-SCHOOL", "T", 0]])),
    ).rejects.toThrow();
    expect(await store.db.queryArrays(`SELECT term_id FROM term WHERE school_id = $1`, ["NO-SUCH-SCHOOL"])).toEqual([]);
  });

  it("refuses a query on a transaction that has ended instead of running it outside", async () => {
    let leaked: Parameters<Parameters<Store["db"]["transaction"]>[0]>[0] | undefined;
    await store.db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query(`SELECT 1 AS one`, [])).rejects.toThrow("a query on a transaction that has ended");
  });

  it("tells a condition of the machine (a full disk, a server shutting down) from a fault of the program", () => {
    const code = store.kind === "sqlite" ? "SQLITE_IOERR_WRITE" : "53100";
    expect(storeRefusalCode(Object.assign(new Error("disk"), { code }))).toBe(code);
    expect(
      storeRefusalCode(
        Object.assign(new Error("syntax"), { code: store.kind === "sqlite" ? "SQLITE_ERROR" : "42601" }),
      ),
    ).toBeUndefined();
  });
});
