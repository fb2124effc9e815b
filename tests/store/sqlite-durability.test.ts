import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeStore, durableCommits, openStore } from "../../src/store/index.ts";
import { queryRows } from "../../src/store/sql.ts";
import { createWalSync } from "../../src/store/dialects/sqlite-durability.ts";

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
});
