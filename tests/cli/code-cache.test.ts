import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { root } from "./support/mse.ts";

const execFileAsync = promisify(execFile);

/**
 * runCommonJs(file, cacheFile) in a process of its own, as bin/mse.mjs runs the bundled CLI (in
 * this one, V8 would take the script from its in-memory cache of what it compiled already), and
 * with `writeTo`, writeCache(writeTo) after it.
 */
async function runInProcess(
  file: string,
  cacheFile: string,
  writeTo?: string,
): Promise<{ cache: string; exports: unknown }> {
  const script = `
    const { runCommonJs } = await import(${JSON.stringify(path.join(root, "bin/code-cache.mjs"))});
    const run = runCommonJs(${JSON.stringify(file)}, ${JSON.stringify(cacheFile)});
    ${writeTo === undefined ? "" : `run.writeCache(${JSON.stringify(writeTo)});`}
    const exports = { ...run.exports, imported: await run.exports.imported };
    console.log(JSON.stringify({ cache: run.cache, exports }));`;
  const { stdout } = await execFileAsync(process.execPath, ["--input-type=module", "-e", script]);
  return JSON.parse(stdout) as { cache: string; exports: unknown };
}

// bin/mse.mjs runs the bundled CLI through runCommonJs with the cache the build wrote.
describe("runCommonJs (V8's code cache of the bundled CLI)", () => {
  let dir: string;
  let file: string;
  let cacheFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "mse-code-cache-"));
    file = path.join(dir, "answer.cjs");
    cacheFile = `${file}.cache`;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A CommonJS file whose exports show what it computed and what Node's loader gave it. */
  const source = (answer: number) =>
    `const path = require("node:path");\n` +
    `function answer() { return ${answer}; }\n` +
    `async function imported() { return typeof (await __mseImport("node:os")).cpus; }\n` +
    `module.exports = { answer: answer(), dir: __dirname, base: path.basename(__filename), imported: imported() };\n`;

  it("runs a file as Node's CommonJS loader would, and says there was no cache", async () => {
    await writeFile(file, source(42));
    const run = await runInProcess(file, cacheFile);
    expect(run.cache).toBe("none");
    expect(run.exports).toEqual({ answer: 42, dir, base: "answer.cjs", imported: "function" });
  });

  // Node 20 loses the import() callback of a function V8 read from the cache: __mseImport stands in.
  it("uses the cache an earlier run wrote, with the same result, packages imported as without it", async () => {
    await writeFile(file, source(42));
    await runInProcess(file, cacheFile, cacheFile);
    const run = await runInProcess(file, cacheFile);
    expect(run.cache).toBe("used");
    expect(run.exports).toEqual({ answer: 42, dir, base: "answer.cjs", imported: "function" });
  });

  it("never runs the code of a cache written for another source of the same length", async () => {
    // V8 itself compares only the source's length.
    await writeFile(file, source(42));
    await runInProcess(file, cacheFile, cacheFile);
    await writeFile(file, source(43));
    const run = await runInProcess(file, cacheFile);
    expect(run.cache).toBe("rejected");
    expect(run.exports).toMatchObject({ answer: 43 });
  });

  it("runs the file without a cache V8 refuses", async () => {
    await writeFile(file, source(42));
    await runInProcess(file, cacheFile, cacheFile);
    // The right checksum of the source (the first 4 bytes), then bytes that are no V8 cache.
    const header = (await readFile(cacheFile)).subarray(0, 4);
    await writeFile(cacheFile, Buffer.concat([header, Buffer.from("not a code cache")]));
    const run = await runInProcess(file, cacheFile);
    expect(run.cache).toBe("rejected");
    expect(run.exports).toMatchObject({ answer: 42 });
  });
});
