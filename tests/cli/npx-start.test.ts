import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "./support/mse.ts";

const run = promisify(execFile);

// npm 11's `npx mse` installs a package that declares the `mse` bin itself into the npx cache
// before running it (half a second of Arborist reading ~700 installed packages, seconds when
// cold); a bin npm linked into node_modules/.bin runs at once. See docs/design.md, "Start-up".
describe("npx mse", () => {
  let cache: string;
  beforeAll(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), "mse-npx-cache-"));
  });
  afterAll(() => rm(cache, { recursive: true, force: true }));

  it("runs the bin/mse.mjs that npm linked into node_modules/.bin", async () => {
    expect(await realpath(path.join(root, "node_modules/.bin/mse"))).toBe(
      await realpath(path.join(root, "bin/mse.mjs")),
    );
  });

  it("starts from node_modules/.bin, never by installing the repository into the npx cache", async () => {
    const { stdout } = await run("npx", ["mse", "--help"], {
      cwd: root,
      env: { ...process.env, npm_config_cache: cache },
    });
    expect(stdout).toMatch(/^Usage: mse /);
    // The slow path leaves the package it installed under <cache>/_npx.
    expect(existsSync(path.join(cache, "_npx"))).toBe(false);
  });
});
