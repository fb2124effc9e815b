import type { Command } from "commander";
import { writeDirectoryAtomically } from "../../io/atomic-directory.ts";
import { writeRoster } from "../../io/oneroster/write-roster.ts";
import { exportLive } from "../../store/export-live.ts";
import { closeStore, openStore } from "../../store/open-store.ts";
import { describeStoreUrl, resolveStoreUrl } from "../../store/store-url.ts";
import { EXIT } from "../exit-codes.ts";
import { printRunSummary } from "../print-run-summary.ts";

/** `mse export`: writes the published (live) rosters of the store as a roster directory. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write the live (published) rosters of the store as a roster directory (OneRoster CSV, unscheduled.csv, report.json)")
    .requiredOption("--out <dir>", "roster directory to write (replaced atomically)")
    .option("--school <id>", "export only this school (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--zip", "also write oneroster.zip, the OneRoster files at the archive's root")
    .option("--db <url>", "the store: file:PATH (SQLite) or postgresql://... (default: DATABASE_URL, else file:./data/mse.db)")
    .action(async (opts: { out: string; school: string[]; db?: string; zip?: boolean }) => {
      const url = resolveStoreUrl(opts.db);
      const store = await openStore(url);
      try {
        const live = await exportLive(store, opts.school.length ? opts.school : undefined);
        if (live.rosters.length === 0) {
          console.error(`nothing to export: no school of ${describeStoreUrl(url)} has a published roster (run mse schedule --all first)`);
          process.exitCode = EXIT.failed;
          return;
        }
        await writeDirectoryAtomically(opts.out, (dir) => writeRoster(dir, live.problem, live.rosters, live.report, { zip: opts.zip }));
        printRunSummary(live.report);
        if (live.unpublished.length) console.warn(`warning: ${live.unpublished.length} school(s) have no published roster and were left out: ${live.unpublished.slice(0, 10).join(", ")}${live.unpublished.length > 10 ? ", ..." : ""}`);
        if (live.stale.length) console.warn(`warning: ${live.stale.length} school(s) were re-imported after their live run; re-run them: ${live.stale.slice(0, 10).join(", ")}`);
        console.log(`exported ${live.rosters.length} school(s) to ${opts.out}`);
      } finally {
        await closeStore(store);
      }
    });
}
