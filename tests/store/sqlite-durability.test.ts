import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeStore, durableCommits, openStore } from "../../src/store/index.ts";
import { queryRows } from "../../src/store/sql.ts";
import { createWalSync } from "../../src/store/dialects/sqlite-durability.ts";
import { BIG_TRANSACTION_ROWS } from "../../src/store/dialects/sqlite.ts";

describe("SQLite commits made durable on request (a server's store)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mse-durability-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("commits without an fsync on the thread (synchronous=NORMAL) and fsyncs the WAL when asked; a store opened as usual fsyncs every commit (FULL)", async () => {
    const url = `file:${path.join(dir, "server.db")}`;
    const server = await openStore(url, { durability: "on-request" });
    try {
      expect(await queryRows(server.db, "PRAGMA synchronous")).toEqual([{ synchronous: 1 }]);
      await queryRows(server.db, "CREATE TABLE t (a INTEGER)");
      await queryRows(server.db, "INSERT INTO t VALUES (1)");
      await expect(durableCommits(server)).resolves.toBeUndefined();
    } finally {
      await closeStore(server);
    }
    const cli = await openStore(url);
    try {
      expect(await queryRows(cli.db, "PRAGMA synchronous")).toEqual([{ synchronous: 2 }]);
      expect(await queryRows(cli.db, "SELECT a FROM t")).toEqual([{ a: 1 }]);
    } finally {
      await closeStore(cli);
    }
  });

  it("lets callers who ask while an fsync is under way share the next one, which starts after it", async () => {
    const file = path.join(dir, "group.db");
    const store = await openStore(`file:${file}`, { durability: "on-request" });
    const sync = createWalSync(file);
    try {
      await queryRows(store.db, "CREATE TABLE t (a INTEGER)");
      const first = sync.durable();
      const second = sync.durable();
      const third = sync.durable();
      expect(second).toBe(third);
      expect(second).not.toBe(first);
      await Promise.all([first, second, third]);
    } finally {
      await sync.close();
      await closeStore(store);
    }
  });

  it("never checkpoints inside a commit (wal_autocheckpoint off): a thread of its own checkpoints the WAL within a second or two", async () => {
    const file = path.join(dir, "checkpoints.db");
    const store = await openStore(`file:${file}`, { durability: "on-request" });
    try {
      expect(await queryRows(store.db, "PRAGMA wal_autocheckpoint")).toEqual([{ wal_autocheckpoint: 0 }]);
      await queryRows(store.db, "CREATE TABLE t (a TEXT)");
      // About 2,500 pages: past the 1,000 at which a commit would have checkpointed by itself.
      for (let i = 0; i < 50; i++)
        await store.db.transaction(async (tx) => {
          for (let j = 0; j < 200; j++) await tx.execute("INSERT INTO t VALUES ($1)", ["x".repeat(1000)]);
        });
      // The WAL header's checkpoint sequence goes up when a write restarts the WAL after a whole checkpoint
      // (read from the file: asking SQLite would checkpoint on this connection).
      const sequence = () => {
        const fd = openSync(`${file}-wal`, "r");
        try {
          const header = Buffer.alloc(16);
          readSync(fd, header, 0, 16, 0);
          return header.readUInt32BE(12);
        } finally {
          closeSync(fd);
        }
      };
      const before = sequence();
      const deadline = Date.now() + 10_000;
      while (sequence() === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await queryRows(store.db, "INSERT INTO t VALUES ('y')");
      }
      expect(sequence()).toBeGreaterThan(before);
    } finally {
      await closeStore(store);
    }
  });

  it("leaves a big transaction's checkpoint (an import's) to a thread: the commit copies nothing into the database, the thread does, and the connection then checkpoints by itself again", async () => {
    const file = path.join(dir, "big.db");
    const store = await openStore(`file:${file}`);
    try {
      await queryRows(store.db, "CREATE TABLE t (a INTEGER, b TEXT)");
      const empty = statSync(file).size;
      const bigTransaction = (b: string) =>
        store.db.transaction((tx) =>
          tx.insertRows(
            "t",
            [
              { name: "a", type: "integer" },
              { name: "b", type: "text" },
            ],
            Array.from({ length: BIG_TRANSACTION_ROWS }, (_, i) => [i, b.repeat(20)]),
          ),
        );
      await bigTransaction("x");
      // The commit checkpointed nothing itself (SQLite's automatic checkpoint is off until the thread's is done).
      expect(await queryRows(store.db, "PRAGMA wal_autocheckpoint")).toEqual([{ wal_autocheckpoint: 0 }]);
      // A second at once: its checkpoint follows the first's.
      await bigTransaction("y");
      const deadline = Date.now() + 10_000;
      let setting: unknown[] = [];
      while (Date.now() < deadline) {
        setting = await queryRows(store.db, "PRAGMA wal_autocheckpoint");
        if ((setting[0] as { wal_autocheckpoint: number }).wal_autocheckpoint !== 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(setting).toEqual([{ wal_autocheckpoint: 1000 }]);
      expect(statSync(file).size).toBeGreaterThan(empty + 2 * BIG_TRANSACTION_ROWS * 20);
      expect(await queryRows(store.db, "SELECT COUNT(*) AS n FROM t")).toEqual([{ n: 2 * BIG_TRANSACTION_ROWS }]);
    } finally {
      await closeStore(store);
    }
  });
});
