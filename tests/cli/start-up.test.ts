import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mse, root, tiny } from "./support/mse.ts";

/** Packages a counselor's `mse schedule --input` at quick has no use for: the pool, glpk.js, the store's drivers, the queue, the server. */
const NOT_FOR_ONE_SCHOOL = ["piscina", "glpk.js", "better-sqlite3", "pg", "bullmq", "ioredis", "express"];

/** Our TypeScript files a run through tsx loaded, from the hook's `loaded-file` lines. */
function sourcesLoaded(stdout: string): Set<string> {
  const sources = new Set<string>();
  for (const [, url] of stdout.matchAll(/^loaded-file (\S+\.ts)$/gm))
    sources.add(path.relative(root, fileURLToPath(url!)));
  return sources;
}

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
    const lines = [...timed.stderr.matchAll(/^phase (\w+): \d+ ms wall, \d+ ms CPU(, \d+ ms main thread)?$/gm)];
    expect(lines.map((m) => m[1])).toEqual(["start", "modules", "read", "solve", "validate", "write", "exit"]);
    // Where the system tells it (Linux), the main thread's share: the rest ran on V8's background threads.
    if (process.platform === "linux") expect(lines.every((m) => m[2] !== undefined)).toBe(true);
    const plain = await mse(["schedule", "--input", tiny, "--out", out], {
      env: { ...process.env, MSE_PHASES: undefined },
    });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/^phase /m);
  });

  it("ends mse schedule as soon as the roster is written and said, whatever is left pending, with the whole summary on stdout", async () => {
    const out = path.join(work, "prompt");
    // A timer nobody clears: a natural exit would wait ten minutes for it.
    const pending = `--import "data:text/javascript,${encodeURIComponent("setTimeout(() => {}, 600_000);")}"`;
    const started = performance.now();
    const { code, stdout } = await mse(["schedule", "--input", tiny, "--out", out], {
      env: { ...process.env, NODE_OPTIONS: pending },
    });
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(50_000);
    expect(stdout).toMatch(/^primary requests met \d+\/\d+/m);
    expect(stdout.endsWith(`roster written to ${out}\n`)).toBe(true);
  });

  it("schedules one school from files without loading the pool, the store or the queue, and HiGHS only for the LP bound of a small school left open", async () => {
    const hook = pathToFileURL(path.join(import.meta.dirname, "support/print-loaded-modules.mjs")).href;
    const { code, stdout, stderr } = await mse(["schedule", "--input", tiny, "--out", path.join(work, "loaded")], {
      env: { ...process.env, NODE_OPTIONS: `--import ${hook}`, MSE_PHASES: "1" },
    });
    expect(code).toBe(0);
    const loaded = new Set([...stdout.matchAll(/^loaded ((?:@[^/]+\/)?[^/]+)/gm)].map((m) => m[1]));
    expect(NOT_FOR_ONE_SCHOOL.filter((name) => loaded.has(name))).toEqual([]);
    // HiGHS (about 0.25 s to start) loads exactly when the school got its LP bound after the load:
    // a school of at most 400 students whose gap the slot flow leaves open, as tiny's is.
    const report = JSON.parse(readFileSync(path.join(work, "loaded", "report.json"), "utf8")) as {
      schools: { bounds: { lp?: number } }[];
    };
    expect(report.schools[0]!.bounds.lp).toBeDefined();
    expect(loaded.has("highs")).toBe(true);
    // The store's own modules too (about 150 KB of its queries and runs, once parsed at every
    // start). The built CLI, one CommonJS file holding every command, starts from V8's code cache
    // of it, which parses nothing, and evaluates a module only when it is first imported; through
    // tsx (sources edited since the build), the TypeScript files loaded are the command's.
    if (/^code cache: /m.test(stderr)) expect(stderr).toMatch(/^code cache: used$/m);
    else {
      const sources = sourcesLoaded(stdout);
      expect(sources).toContain("src/cli/commands/schedule.ts");
      expect([...sources].filter((source) => source.startsWith("src/store/"))).toEqual([]);
    }
  });
});
