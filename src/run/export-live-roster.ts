/**
 * `mse export`: the store's live rosters written as a roster directory school by school. Each
 * school is read, checked by the independent validator and turned into its CSV lines on a pool
 * thread (export-school-task.ts, each thread with its own connection to the store), a few
 * schools ahead of the one being written; this thread appends each school's lines to the files
 * in school order, so the bytes are those of writing the schools one after the other, and
 * memory holds a few schools (a district's problem and rosters held whole were a gigabyte and
 * more). Nothing is written of a school before its roster is checked. The directory is
 * replaced atomically: a failure half-way, or nothing to export, leaves it as it was.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { writeDirectoryAtomically } from "../io/atomic-directory.ts";
import { schoolYearOf } from "../io/oneroster/academic-calendar.ts";
import type { RosterWriteOptions } from "../io/oneroster/export-context.ts";
import { openRosterDirectory, type RosterDirectoryOptions } from "../io/oneroster/roster-directory.ts";
import type { OutputFolderOptions } from "../io/output-folder.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import { liveRunReport } from "../report/live-report.ts";
import type { RunReport } from "../report/run-report.ts";
import { liveRunsOf, liveSchoolsTally, vouchForStudentIds, type LiveSchools, type Store } from "../store/index.ts";
import { exportSchool, type ExportedSchool, type SchoolExportTask } from "./export-school.ts";
import type { ExportPoolTask } from "./export-school-task.ts";

/** What an export of the live rosters found and wrote. */
export interface LiveRosterExport extends LiveSchools {
  /** Schools written; none: the directory was left as it was. */
  exported: number;
  /** report.json of the directory. */
  report: RunReport;
}

export interface LiveRosterOptions extends RosterDirectoryOptions {
  /** Only these schools (default: every school of the store). */
  schoolIds?: string[];
  /** Export rosters that break a hard constraint too, if they can be written at all. */
  force?: boolean;
  /** Settle the threads' CPU clock at each phase's end (SchoolExportTask.settledClock): a benchmark's split. */
  settledClock?: boolean;
  /** Pool threads reading, checking and building schools (default: one per core, none for a few schools); 0: every school on this thread. */
  threads?: number;
  /** How the roster directory is opened (default: openRosterDirectory; a benchmark times its writes). */
  openDirectory?: typeof openRosterDirectory;
  /** Told of each school read and checked, in export order (a benchmark adds up the threads' shares). */
  onSchool?: (school: ExportedSchool) => void;
}

/**
 * The pool's thread: bundled (dist/bundle/, see scripts/bundle.mjs), the task's own JavaScript;
 * as TypeScript, an entry that loads tsx first.
 */
const EXPORT_ENTRY = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/export-school-task.js")
  : path.join(PACKAGE_ROOT, "src/run/export-school-entry.mjs");

/**
 * Schools read ahead of the one being written, per thread: enough that a thread never waits
 * for the writer while a large school is written, few enough that memory holds a few schools.
 */
const AHEAD_PER_THREAD = 4;

/**
 * Schools each pool thread works on at once. On SQLite one: its reads are synchronous
 * (better-sqlite3), a second school would only wait its turn. On PostgreSQL two: a school's
 * reads are awaited round trips to the server (a pool of connections per thread), and with one
 * school a thread stood idle through them (district, quiet: read 22.2 s summed over 2 threads
 * for 7.0 s of their CPU); a second school's reads or lines fill that time. District export at
 * load 12-16: 61 s against 103 s, the same 26.4 s of CPU.
 */
const SCHOOLS_PER_THREAD = { sqlite: 1, postgresql: 2 } as const satisfies Record<Store["kind"], number>;

/**
 * Each pool thread's young generation, MiB. A school's problem and roster live through its
 * validation and build, so with V8's default for a worker (48 MiB) most of them were copied by
 * a scavenge or two before dying. District export on a quiet machine (load 2-3), runs
 * alternated: 192 MiB 6.98 s wall, 12.68 s of CPU (medians of 7) against 7.31 s and 13.26 s
 * (11), V8's helper threads 2.2-2.5 s against 2.6-3.0; 128 MiB 7.03 s, 256 MiB no better than
 * 192; the export's peak RSS 850-900 MiB against 700, below the night's (the schedule's, 1.5
 * GiB). At load 11-19 (session 7, every run's CPU split read short) 128 MiB had shown 33.2 s
 * of CPU against 30.1.
 */
const EXPORT_YOUNG_GENERATION_MB = 192;

/** Fewer schools than this are exported on this thread: starting the pool's threads costs more than they save. */
const POOL_FROM_SCHOOLS = 4;

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
  // Worked out once, so that every school (on whichever thread) and the district rows agree.
  const writeOptions: RosterWriteOptions = {
    schoolYear: options.schoolYear ?? schoolYearOf(new Date()),
    districtId: options.districtId,
    districtName: options.districtName,
    systemName: options.systemName,
  };
  const { ids, live } = await liveRunsOf(store, options.schoolIds);
  const tasks: SchoolExportTask[] = [];
  for (const schoolId of ids) {
    const runId = live.get(schoolId);
    if (runId !== undefined)
      tasks.push({ schoolId, runId, force: options.force, settledClock: options.settledClock, options: writeOptions });
  }
  const threads = options.threads ?? (tasks.length < POOL_FROM_SCHOOLS ? 0 : availableParallelism());
  const pool =
    threads > 0
      ? new Piscina<ExportPoolTask, ExportedSchool>({
          filename: EXPORT_ENTRY,
          minThreads: threads,
          maxThreads: threads,
          concurrentTasksPerWorker: SCHOOLS_PER_THREAD[store.kind],
          resourceLimits: { maxYoungGenerationSizeMb: EXPORT_YOUNG_GENERATION_MB },
        })
      : undefined;
  const exportOne = pool
    ? (task: SchoolExportTask) => pool.run({ ...task, storeUrl: store.url })
    : (task: SchoolExportTask) => exportSchool(store, task);
  const ahead: Promise<ExportedSchool>[] = [];
  let next = 0;
  const readAhead = () => {
    while (next < tasks.length && ahead.length < Math.max(1, threads * AHEAD_PER_THREAD)) {
      const school = exportOne(tasks[next++]!);
      // Awaited in turn below; a failure meanwhile is not unhandled.
      school.catch(() => undefined);
      ahead.push(school);
    }
  };
  let result: LiveRosterExport | undefined;
  try {
    // The pool's threads start on their first schools while this thread asks the store for its
    // word and opens the directory: they waited for both before. District, load 9-11: the
    // threads were ready for a school 170-375 ms after the pool was made, the word and the
    // directory 290-535 ms after: 100-160 ms of both threads' wall time at the start.
    readAhead();
    // The store's word on its IDs spares this thread looking up each student the threads send.
    const tally = liveSchoolsTally(store, ids, live, await vouchForStudentIds(store));
    await writeDirectoryAtomically(
      out,
      async (dir) => {
        const open = options.openDirectory ?? openRosterDirectory;
        // The tally meets every school's students before the directory does: one record of them.
        const directory = await open(dir, { ...options, ...writeOptions }, tally);
        let exported = 0;
        try {
          readAhead();
          while (ahead.length > 0) {
            const school = await ahead.shift()!;
            readAhead();
            options.onSchool?.(school);
            // Checked on every school read, exported or not: the store itself is wrong then.
            tally.claim(school.schoolId, school.studentIds, school.problemVersion);
            if (!tally.admit(school, options.force)) continue;
            await directory.addSchoolCsv(school.csv!);
            tally.exported(school);
            exported += 1;
          }
          const read = tally.finish();
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
  } finally {
    await pool?.destroy();
  }
  return result!;
}
