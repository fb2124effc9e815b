import type { Command } from "commander";
import { readProblem } from "../../io/interchange/read-problem.ts";
import { importProblem, closeStore, openStore, describeStoreUrl, resolveStoreUrl } from "../../store/index.ts";
import { DB_HELP } from "../db-help.ts";

/** `mse import`: reads a problem (interchange CSV) into the store, all or nothing. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "import a problem (interchange CSV) into the store, replacing the problems of the schools it holds; all or nothing",
    )
    .requiredOption("--input <dir>", "the problem, as interchange CSV")
    .option("--db <url>", DB_HELP)
    .action(async (opts: { input: string; db?: string }) => {
      const { problem, warnings } = await readProblem(opts.input);
      for (const w of warnings) console.warn(`warning: ${w}`);
      const url = resolveStoreUrl(opts.db);
      const store = await openStore(url);
      try {
        const started = performance.now();
        const summary = await importProblem(store, problem);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const counts = Object.entries(summary.rows)
          .map(([table, n]) => `${n} ${table}`)
          .join(", ");
        console.log(`imported ${summary.schools} school(s) into ${describeStoreUrl(url)} in ${seconds} s: ${counts}`);
      } finally {
        await closeStore(store);
      }
    });
}
