/**
 * Workspace sessions live in the store: two `mse serve` processes on one database accept each
 * other's sessions, a restart signs nobody out, sign-out on one server ends the session on all,
 * and the store keeps only the session ID's hash.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { closeStore, createApiToken, openStore, type Store } from "../../src/store/index.ts";
import { forEachDatabase } from "../store/support/databases.ts";

const bin = path.resolve(import.meta.dirname, "../../bin/mse.mjs");

interface Serve {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `mse serve` on the database at `url`, a free port; resolves once it listens. */
async function serve(url: string): Promise<Serve> {
  const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--port", "0", "--threads", "1", "--db", url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /mse API on (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => reject(new Error(`mse serve exited with ${code}: ${err}`)));
  });
  return {
    baseUrl,
    async stop() {
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    },
  };
}

const csrf = { "x-mse-csrf": "1", "content-type": "application/json" };

async function signIn(server: Serve, token: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/v1/session`, {
    method: "POST",
    headers: csrf,
    body: JSON.stringify({ token }),
  });
  expect(res.status).toBe(201);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const me = (server: Serve, cookie: string) => fetch(`${server.baseUrl}/v1/me`, { headers: { cookie } });

forEachDatabase((database) => {
  let store: Store | undefined;
  afterAll(async () => {
    if (store) await closeStore(store);
    await database.destroy();
  });

  it("accepts a session on every server of the store and after a restart, ends it everywhere at sign-out, and keeps only its hash", async () => {
    const url = await database.create();
    store = await openStore(url);
    const { token } = await createApiToken(store, { name: "Ms O'Brien, district ops", role: "district" });
    const [one, two] = await Promise.all([serve(url), serve(url)]);
    let three: Serve | undefined;
    try {
      const cookie = await signIn(one, token);
      const id = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
      expect(await (await me(two, cookie)).json()).toMatchObject({
        name: "Ms O'Brien, district ops",
        role: "district",
      });

      const kept = await store.db.query<{ id_hash: string }>(`SELECT id_hash FROM web_session`, []);
      expect(kept).toHaveLength(1);
      expect(kept[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(kept[0]!.id_hash).not.toContain(id);

      await one.stop();
      three = await serve(url);
      expect((await me(three, cookie)).status).toBe(200);

      const out = await fetch(`${two.baseUrl}/v1/session`, { method: "DELETE", headers: { ...csrf, cookie } });
      expect(out.status).toBe(200);
      const after = await me(three, cookie);
      expect(after.status).toBe(401);
      expect((await after.json()).error.code).toBe("session_expired");
      expect(await store.db.query(`SELECT id_hash FROM web_session`, [])).toEqual([]);
    } finally {
      await Promise.allSettled([two.stop(), three?.stop()]);
    }
  }, 60_000);
});
