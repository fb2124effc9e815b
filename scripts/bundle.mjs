// Bundles `mse` and the threads it starts into dist/bundle/ (the last step of `npm run build`,
// which `npm ci` runs as `prepare`). Node 20 loads an ES module file by file, and
// `mse schedule` started by opening about 260 of ours and 180 of its packages' (95 of them
// zod's); a few bundled files hold the same code (measurements in docs/design.md, start-up).
// Splitting keeps each command in chunks of its own, loaded only when that command runs
// (src/cli/main.ts). dist/bundle/ sits one level under dist/, where src/package-root.ts looks
// for the package.
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
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

// Chunk names change with their contents: an earlier build's would stay behind.
rmSync("dist/bundle", { recursive: true, force: true });
await build({
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
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  // The CommonJS packages bundled in (commander, cli-progress) call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  plugins: [zodEnglishOnly],
  sourcemap: true,
  logLevel: "warning",
});
