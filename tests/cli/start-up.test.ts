import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mse, tiny } from "./support/mse.ts";

/** Packages a counselor's `mse schedule --input` has no use for: the pool, the LP engines, the store's drivers, the queue, the server. */
const NOT_FOR_ONE_SCHOOL = ["piscina", "highs", "glpk.js", "better-sqlite3", "pg", "bullmq", "ioredis", "express"];

describe("mse start-up", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "mse-start-up-"));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it("says with MSE_PHASES=1 how long each phase of mse schedule took, in order, and nothing of it otherwise", async () => {
    const out = path.join(work, "phases");
    const timed = await mse(["schedule", "--input", tiny, "--out", out], {
      env: { ...process.env, MSE_PHASES: "1" },
    });
    expect(timed.code).toBe(0);
    const phases = [...timed.stderr.matchAll(/^phase (\w+): \d+ ms wall, \d+ ms CPU$/gm)].map((m) => m[1]);
    expect(phases).toEqual(["start", "modules", "read", "solve", "validate", "write", "exit"]);
    const plain = await mse(["schedule", "--input", tiny, "--out", out], {
      env: { ...process.env, MSE_PHASES: undefined },
    });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/^phase /m);
  });

  it("schedules one school from files without loading the pool, the LP engines, the store or the queue", async () => {
    const hook = pathToFileURL(path.join(import.meta.dirname, "support/print-loaded-packages.mjs")).href;
    const register = `import { register } from "node:module"; register(${JSON.stringify(hook)});`;
    const { code, stdout } = await mse(["schedule", "--input", tiny, "--out", path.join(work, "loaded")], {
      env: { ...process.env, NODE_OPTIONS: `--import "data:text/javascript,${encodeURIComponent(register)}"` },
    });
    expect(code).toBe(0);
    const loaded = new Set([...stdout.matchAll(/^loaded ((?:@[^/]+\/)?[^/]+)/gm)].map((m) => m[1]));
    expect(NOT_FOR_ONE_SCHOOL.filter((name) => loaded.has(name))).toEqual([]);
  });
});
