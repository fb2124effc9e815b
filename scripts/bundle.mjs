// Bundles `mse` and the threads it starts into dist/bundle/ (the last step of `npm run build`,
// which `npm ci` runs as `prepare`). Node 20 loads an ES module file by file, and
// `mse schedule` started by opening about 260 of ours and 180 of its packages' (95 of them
// zod's); a few bundled files hold the same code (measurements in docs/design.md, start-up).
// Splitting keeps each command in chunks of its own, loaded only when that command runs
// (src/cli/main.ts). dist/bundle/ sits one level under dist/, where src/package-root.ts looks
// for the package.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

/**
 * Packages bundled in: plain JavaScript that reads no file beside its own code. The rest stay in
 * node_modules, loaded from there: piscina starts threads on its own worker file, bullmq reads
 * its Lua scripts, highs and glpk.js their WebAssembly, better-sqlite3 its native addon.
 */
const BUNDLED = new Set([
  "async-mutex",
  "cli-progress",
  "commander",
  "csv-parse",
  "csv-stringify",
  "fflate",
  "lru-cache",
  "p-retry",
  "safe-stable-stringify",
  "uuid",
  "zod",
]);

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter(
  (name) => !BUNDLED.has(name),
);

/**
 * zod's messages in English only. `import { z } from "zod"` re-exports every one of its 50-odd
 * translations (z.locales), which no code of ours uses (zod registers English itself): about
 * 360 KiB of the 1.5 MB that `mse schedule` used to parse at each start.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    const english = createRequire(import.meta.url).resolve("zod/v4/locales/en.js");
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes("/node_modules/zod/") ? { path: "zod-locales", namespace: "zod-english-only" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, () => ({
      contents: `export { default as en } from ${JSON.stringify(english)};`,
      resolveDir: ".",
    }));
  },
};

/**
 * commander loads node:child_process when its module loads, for the one thing it spawns: an
 * executable sub-command, which `mse` has none of. Loading it cost every `mse` start 3-4 ms of
 * the main thread's CPU (it brings node:stream and node:net with it); it now loads on the first
 * spawn. The build fails if commander's code no longer reads as expected.
 */
const commanderSpawnsLazily = {
  name: "commander-spawns-lazily",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, "utf8");
      const uses = source.match(/childProcess\.\w+/g) ?? [];
      if (!source.includes(eager) || uses.some((use) => use !== "childProcess.spawn"))
        throw new Error(`${args.path}: commander no longer loads node:child_process as scripts/bundle.mjs expects`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: "js" };
    });
  },
};

// Chunk names change with their contents: an earlier build's would stay behind.
rmSync("dist/bundle", { recursive: true, force: true });
const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  external,
  plugins: [zodEnglishOnly, commanderSpawnsLazily],
  sourcemap: true,
  logLevel: "warning",
};
await build({
  ...shared,
  entryPoints: {
    main: "src/cli/main.ts",
    // The pools' threads (src/district/solve-pool.ts, src/api/problem-upload.ts, src/run/export-live-roster.ts).
    "solve-tasks": "workers/solve-tasks.ts",
    "read-upload-task": "src/api/read-upload-task.ts",
    "export-school-task": "src/run/export-school-task.ts",
    // The thread reading a district's requests.csv beside the other files (src/io/interchange/read-table-on-thread.ts).
    "read-table-thread": "src/io/interchange/read-table-thread.ts",
  },
  outdir: "dist/bundle",
  splitting: true,
  format: "esm",
  // The CommonJS packages bundled in (commander, cli-progress) call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});

// What `mse` itself runs (bin/mse.mjs): the same CLI as one CommonJS file, whose compiled code V8
// can cache (bin/code-cache.mjs; Node 20 caches no ES module's). Every command is in it, each
// module evaluated only when first imported, as in the split bundle. import.meta.url is the
// split bundle's main.js beside it, so the code finds the package and the threads' entries
// (dist/bundle/*.js, still ES modules) as it does there.
const commonJs = await build({
  ...shared,
  entryPoints: { main: "src/cli/main.ts" },
  outdir: "dist/bundle",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__mseMainUrl" },
  banner: {
    js: 'const __mseMainUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "main.js")).href;',
  },
  // import() of the packages left out stays an import (glpk.js is an ES module only)...
  supported: { "dynamic-import": true },
  write: false,
});
for (const output of commonJs.outputFiles) {
  let text = output.text;
  if (output.path.endsWith(".cjs")) {
    // ...through the function bin/code-cache.mjs gives the file: on Node 20 a function V8 read
    // from the code cache loses the script's import() callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
    text = text.replace(/(?<![\w$.])import\("([^"]+)"\)/g, (call, specifier) => {
      if (!external.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
        throw new Error(`dist/bundle/main.cjs imports ${specifier}, which is bundled in`);
      return `__mseImport(${JSON.stringify(specifier)})`;
    });
  }
  // ASCII only, so that bin/code-cache.mjs can read it as Latin-1 (a one-byte string, no UTF-8
  // decoding): esbuild escapes what is beyond ASCII in strings, regular expressions and names,
  // but keeps comments as they are (zod's hold an em dash). An escape in a comment is as good.
  if (output.path.endsWith(".cjs"))
    text = text.replace(/[^\p{ASCII}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  writeFileSync(output.path, text);
}

/**
 * V8's code cache of dist/bundle/main.cjs, written by one `mse schedule` of the tiny example
 * problem: it holds the bytecode of every function that run compiled (reading, solving,
 * validating and writing a roster), which a counselor's run then reads instead of compiling.
 * Built here with the Node that installs the package; another Node rejects it, and `mse` then
 * compiles as without one (bin/code-cache.mjs).
 */
function writeCodeCache() {
  const cacheFile = path.resolve("dist/bundle/main.cjs.cache");
  const work = mkdtempSync(path.join(os.tmpdir(), "mse-code-cache-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["bin/mse.mjs", "schedule", "--input", "fixtures/examples/tiny", "--out", path.join(work, "roster")],
      { encoding: "utf8", env: { ...process.env, MSE_CODE_CACHE_OUT: cacheFile } },
    );
    if (run.status !== 0 || !existsSync(cacheFile))
      throw new Error(`the run that writes V8's code cache failed (status ${run.status}):\n${run.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
writeCodeCache();
