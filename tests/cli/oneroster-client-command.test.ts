import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore, listOneRosterClients, openStore, verifyOneRosterClient } from "../../src/store/index.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

async function mse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "bin/mse.mjs"), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("mse oneroster client", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "mse-or-cli-"));
    db = `file:${path.join(dir, "mse.db")}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("creates a school-scoped client, prints its ID and secret once, and stores only the secret's hash", async () => {
    const made = await mse(
      "oneroster",
      "client",
      "create",
      "--name",
      "Canvas",
      "--school",
      "HS 1",
      "--school",
      "MS-2",
      "--db",
      db,
    );
    expect(made.code).toBe(0);
    const id = /^client_id=(\S+)$/m.exec(made.stdout)![1]!;
    const secret = /^client_secret=(\S+)$/m.exec(made.stdout)![1]!;
    const store = await openStore(db);
    try {
      expect(await verifyOneRosterClient(store, id, secret)).toMatchObject({
        clientId: id,
        name: "Canvas",
        schools: ["HS 1", "MS-2"],
      });
      expect(await verifyOneRosterClient(store, id, `${secret}x`)).toBeUndefined();
      const rows = await store.db.query<{ secret_hash: string }>("SELECT secret_hash FROM oneroster_client", []);
      expect(rows[0]!.secret_hash).not.toContain(secret);
    } finally {
      await closeStore(store);
    }
    const listed = await mse("oneroster", "client", "list", "--db", db);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(secret);
  });

  it("needs either --district or --school, and revokes a client", async () => {
    expect((await mse("oneroster", "client", "create", "--name", "X", "--db", db)).code).toBe(2);
    expect(
      (await mse("oneroster", "client", "create", "--name", "X", "--district", "--school", "A", "--db", db)).code,
    ).toBe(2);
    const made = await mse("oneroster", "client", "create", "--name", "Schoology", "--district", "--db", db);
    const id = /^client_id=(\S+)$/m.exec(made.stdout)![1]!;
    expect((await mse("oneroster", "client", "revoke", id, "--db", db)).code).toBe(0);
    const store = await openStore(db);
    try {
      expect((await listOneRosterClients(store)).find((c) => c.clientId === id)!.revokedAt).toBeInstanceOf(Date);
    } finally {
      await closeStore(store);
    }
  });
});
