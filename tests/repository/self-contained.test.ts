import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Every file under `dir` (relative to the root) whose name ends with one of `exts`. */
async function filesUnder(dir: string, exts: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && exts.some((ext) => entry.name.endsWith(ext)))
      found.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  return found;
}

/** The Markdown documents a user of the repository reads. */
async function documents(): Promise<string[]> {
  const nested = (
    await Promise.all(["docs", "src", "fixtures", "benchmarks"].map((dir) => filesUnder(dir, [".md"])))
  ).flat();
  return ["README.md", ...nested];
}

describe("the repository carries what its users and its tests need", () => {
  it("has no test, source, script or benchmark that reads a path outside the repository", async () => {
    const code = (
      await Promise.all(
        ["tests", "src", "solver", "workers", "fixtures", "benchmarks", "scripts", "bin"].map((dir) =>
          filesUnder(dir, [".ts", ".mjs", ".js"]),
        ),
      )
    ).flat();
    const outside: string[] = [];
    for (const file of code) {
      const text = await readFile(path.join(root, file), "utf8");
      for (const line of text.split("\n"))
        if (/\.\.\/shared\b|["'`]\/work\//.test(line)) outside.push(`${file}: ${line.trim()}`);
    }
    expect(outside).toEqual([]);
  });

  it("links only to files inside the repository, and every one of them exists", async () => {
    const broken: string[] = [];
    for (const doc of await documents()) {
      const text = await readFile(path.join(root, doc), "utf8");
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const resolved = path.resolve(root, path.dirname(doc), target);
        const inside = resolved === root || resolved.startsWith(root + path.sep);
        const exists = await stat(resolved).then(
          () => true,
          () => false,
        );
        if (!inside || !exists) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("carries the format's description, with the v1.1 additions, and the tiny example it describes", async () => {
    const format = await readFile(path.join(root, "docs/interchange-v1.md"), "utf8");
    expect(format).toMatch(/^## Additions in v1\.1/m);
    const readme = await readFile(path.join(root, "README.md"), "utf8");
    expect(readme).toContain("](docs/interchange-v1.md)");
    const tiny = await readdir(path.join(root, "fixtures/examples/tiny"));
    for (const file of [
      "schools.csv",
      "courses.csv",
      "teachers.csv",
      "rooms.csv",
      "sections.csv",
      "students.csv",
      "requests.csv",
      "avoid.csv",
    ]) {
      expect(tiny).toContain(file);
    }
  });
});
