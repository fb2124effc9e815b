import type { Command } from "commander";
import { checkOutputFolder } from "../../io/output-folder.ts";
import { exportLiveRoster } from "../../run/export-live-roster.ts";
import { closeStore, openStore, describeStoreUrl, resolveStoreUrl, type SkippedSchool } from "../../store/index.ts";
import { EXIT } from "../exit-codes.ts";
import { printRunSummary } from "../print-run-summary.ts";
import { formatViolation } from "../../run/invalid-roster.ts";
import { DB_HELP } from "../db-help.ts";

/** Violations shown per skipped school; the rest are counted in its reason. */
const SHOWN_PER_SCHOOL = 5;

/** One school left out (or let through), its reason and its first violations. */
function printSchool(what: string, s: SkippedSchool): void {
  console.error(`${s.schoolId}: ${what}: ${s.reason}`);
  for (const v of (s.violations ?? []).slice(0, SHOWN_PER_SCHOOL)) console.error(`  ${formatViolation(v)}`);
}

/** `mse export`: writes the published (live) rosters of the store as a roster directory. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description(
      "write the live (published) rosters of the store as a roster directory (OneRoster CSV, unscheduled.csv, report.json)",
    )
    .requiredOption(
      "--out <dir>",
      "roster directory to write (replaced atomically; an earlier roster or an empty folder)",
    )
    .option("--force", "replace a file or a folder that is not an earlier roster")
    .option(
      "--school <id>",
      "export only this school (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      "--allow-invalid",
      "also export live rosters that break a hard constraint (listed), when they can be written at all",
    )
    .option("--zip", "also write oneroster.zip, the OneRoster files at the archive's root")
    .option("--db <url>", DB_HELP)
    .action(
      async (opts: {
        out: string;
        school: string[];
        db?: string;
        force?: boolean;
        allowInvalid?: boolean;
        zip?: boolean;
      }) => {
        const outFolder = { kind: "roster", force: opts.force } as const;
        await checkOutputFolder(opts.out, outFolder);
        const url = resolveStoreUrl(opts.db);
        const store = await openStore(url, { mustExist: true });
        try {
          const live = await exportLiveRoster(store, opts.out, outFolder, {
            schoolIds: opts.school.length ? opts.school : undefined,
            force: opts.allowInvalid,
            zip: opts.zip,
          });
          for (const s of live.skipped) printSchool("skipped", s);
          for (const s of live.forced) printSchool("exported anyway (--allow-invalid)", s);
          if (live.skipped.length) process.exitCode = EXIT.failed;
          if (live.exported === 0 && live.skipped.length) {
            console.error(`nothing to export: every live roster was skipped`);
            return;
          }
          if (live.exported === 0) {
            console.error(
              `nothing to export: no school of ${describeStoreUrl(url)} has a published roster (run mse schedule --all first)`,
            );
            process.exitCode = EXIT.failed;
            return;
          }
          const { report } = live;
          printRunSummary(report);
          if (live.unpublished.length)
            console.warn(
              `warning: ${live.unpublished.length} school(s) have no published roster and were left out: ${live.unpublished.slice(0, 10).join(", ")}${live.unpublished.length > 10 ? ", ..." : ""}`,
            );
          if (live.stale.length)
            console.warn(
              `warning: ${live.stale.length} school(s) changed after their live run (the roster still fits); re-run them to place what changed: ${live.stale.slice(0, 10).join(", ")}`,
            );
          if (live.skipped.length)
            console.error(
              `${live.skipped.length} school(s) skipped: their live roster breaks a hard constraint of their problem (see above); re-run them, or export them anyway with --allow-invalid`,
            );
          console.log(`exported ${live.exported} school(s) to ${opts.out}`);
        } finally {
          await closeStore(store);
        }
      },
    );
}
