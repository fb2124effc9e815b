/**
 * `mse export`: the store's live rosters written as a roster directory school by school, each
 * school read, checked and written before the next is read, so that memory holds one school
 * (a district's problem and rosters held whole were a gigabyte and more). The directory is
 * replaced atomically: a failure half-way, or nothing to export, leaves it as it was.
 */
import { writeDirectoryAtomically } from "../io/atomic-directory.ts";
import { openRosterDirectory, type RosterDirectoryOptions } from "../io/oneroster/roster-directory.ts";
import type { OutputFolderOptions } from "../io/output-folder.ts";
import { liveRunReport } from "../report/live-report.ts";
import type { RunReport } from "../report/run-report.ts";
import { readLiveSchools, type ExportOptions, type LiveSchools, type Store } from "../store/index.ts";

/** What an export of the live rosters found and wrote. */
export interface LiveRosterExport extends LiveSchools {
  /** Schools written; none: the directory was left as it was. */
  exported: number;
  /** report.json of the directory. */
  report: RunReport;
}

export interface LiveRosterOptions extends ExportOptions, RosterDirectoryOptions {
  /** Only these schools (default: every school of the store). */
  schoolIds?: string[];
  /** How the roster directory is opened (default: openRosterDirectory; a benchmark times its writes). */
  openDirectory?: typeof openRosterDirectory;
}

/** Thrown inside the atomic write when no school was exported, so that the folder stays as it was. */
class NothingExported extends Error {
  constructor(readonly read: LiveSchools) {
    super("nothing to export");
  }
}

/** Writes the store's live rosters to `out` (see the file's comment); what was left out is in the result. */
export async function exportLiveRoster(
  store: Store,
  out: string,
  folder: OutputFolderOptions,
  options: LiveRosterOptions = {},
): Promise<LiveRosterExport> {
  let result: LiveRosterExport | undefined;
  try {
    await writeDirectoryAtomically(
      out,
      async (dir) => {
        const directory = await (options.openDirectory ?? openRosterDirectory)(dir, options);
        let exported = 0;
        try {
          const read = await readLiveSchools(
            store,
            async (problem, roster) => {
              await directory.addSchool(problem, roster);
              exported += 1;
            },
            options.schoolIds,
            options,
          );
          if (exported === 0) throw new NothingExported(read);
          const report = liveRunReport(read);
          await directory.close(report);
          result = { ...read, exported, report };
        } catch (error) {
          directory.destroy();
          throw error;
        }
      },
      folder,
    );
  } catch (error) {
    if (!(error instanceof NothingExported)) throw error;
    return { ...error.read, exported: 0, report: liveRunReport(error.read) };
  }
  return result!;
}
