import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/mse.mjs");

describe("mse serve and mse token, as a user runs them", () => {
  let work: string;
  // No DATABASE_URL: the commands must fall back to the embedded store under the working directory.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "DATABASE_URL"));
  const mse = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: work, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "mse-serve-"));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("creates a token once, serves the API on the embedded store, sees a revocation at once, and stops on Ctrl-C", async () => {
    const created = await mse("token", "create", "--role", "district", "--name", "district operations");
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^mse_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/not shown again/);
    expect(existsSync(path.join(work, "data/mse.db"))).toBe(true);
    const refused = await mse("token", "create", "--role", "counselor", "--name", "no school");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/at least one --school/);

    const server = spawn(process.execPath, [bin, "serve", "--port", "0", "--threads", "1"], {
      cwd: work,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /mse API on (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(out);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`mse serve exited with ${code}`)));
      });
      const health = await (await fetch(`${baseUrl}/v1/health`)).json();
      expect(health).toMatchObject({ status: "ok", store: "sqlite", schools: 0 });
      const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ name: "district operations", role: "district" });

      const listed = await mse("token", "list");
      expect(listed.stdout).toMatch(/^1\tdistrict\tdistrict operations\t-\tcreated .*\tactive$/m);
      expect(listed.stdout).not.toContain(token);
      expect((await mse("token", "revoke", "1")).code).toBe(0);
      expect((await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      server.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });
});
