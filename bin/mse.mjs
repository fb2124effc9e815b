#!/usr/bin/env node
// Starts the CLI from the JavaScript that `npm ci` bundled into dist/bundle/ (the `prepare`
// script, scripts/bundle.mjs; `npm run build` after an edit): compiling the TypeScript through
// tsx at every start cost about 2 s. It runs dist/bundle/main.cjs with the code cache the build
// wrote beside it (bin/code-cache.mjs). When dist/ is missing, or a source file is newer than it (edited since the last build),
// the TypeScript runs through tsx as before, so an edit is never run stale; checking costs a few
// milliseconds.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = new URL("../dist/bundle/main.cjs", import.meta.url);

/** Milliseconds since the epoch of the newest TypeScript file under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts"))
      newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

/** True when dist/ holds a build at least as new as every compiled source folder. */
function builtAndCurrent() {
  let built;
  try {
    built = statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  return ["src", "solver", "workers", "fixtures"].every((dir) => newestSource(`${root}${dir}`) <= built);
}

const current = builtAndCurrent();
const help = new URL("../dist/help.txt", import.meta.url);
const args = process.argv.slice(2);
if (current && args.length === 1 && (args[0] === "--help" || args[0] === "-h") && existsSync(help)) {
  // Listing every command loads all of them (the store, the API, the pool, the solver): about
  // 0.4 s of CPU. `npm run build` writes that help once, as the compiled CLI prints it (80
  // columns), into dist/help.txt.
  process.stdout.write(readFileSync(help, "utf8"));
} else if (current) {
  const { runCommonJs } = await import("./code-cache.mjs");
  const file = fileURLToPath(compiled);
  const { cache, writeCache } = runCommonJs(file, `${file}.cache`);
  // MSE_PHASES tells a cache V8 refused (a Node other than the build's): it costs about 50 ms.
  if (process.env.MSE_PHASES && process.env.MSE_PHASES !== "0") process.stderr.write(`code cache: ${cache}\n`);
  // The build's run that writes the cache (scripts/bundle.mjs), once the command is done.
  if (process.env.MSE_CODE_CACHE_OUT) process.once("exit", () => writeCache(process.env.MSE_CODE_CACHE_OUT));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
