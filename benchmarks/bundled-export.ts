/**
 * bench:nightly's export process started as `mse export` starts: from bundled JavaScript, its
 * pool threads on the bundled task (dist/bundle/export-school-task.js), not through tsx. Run
 * through tsx, the export process and each of its threads compiled and loaded our TypeScript at
 * start: on the district-small store, 6.5 s of CPU for the benchmark's export against 4.0 s for
 * the bundled `mse export` of the same store (main's slower lines), about 2.6 s that `mse
 * export` never pays and a district's export paid as well. Built before the night is timed.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles the product's threads (scripts/bundle.mjs, as `npm run build` does, so that they are
 * this tree's code) and benchmarks/nightly-export.ts into dist/bench/; returns the script to run
 * with node. Under dist/, so that the package's files are found from it (src/package-root.ts).
 */
export async function bundledExportScript(): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, "scripts/bundle.mjs")], { cwd: ROOT });
  const script = path.join(ROOT, "dist/bench/nightly-export.js");
  await build({
    entryPoints: [path.join(ROOT, "benchmarks/nightly-export.ts")],
    outfile: script,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages load from node_modules, as the product's bundle loads those it leaves out.
    packages: "external",
    logLevel: "warning",
  });
  return script;
}
