import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Problem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { academicSessionsRows } from "./academic-sessions-rows.ts";
import { classesRows } from "./classes-rows.ts";
import {
  ACADEMIC_SESSIONS_COLUMNS,
  CLASSES_COLUMNS,
  COURSES_COLUMNS,
  ENROLLMENTS_COLUMNS,
  MANIFEST_COLUMNS,
  ORGS_COLUMNS,
  ROLES_COLUMNS,
  UNSCHEDULED_COLUMNS,
  USERS_COLUMNS,
  type Row,
} from "./columns.ts";
import { coursesRows } from "./courses-rows.ts";
import { enrollmentsRows } from "./enrollments-rows.ts";
import { exportContext, type ExportContext, type RosterWriteOptions } from "./export-context.ts";
import { manifestRows } from "./manifest-rows.ts";
import { orgsRows } from "./orgs-rows.ts";
import { ONEROSTER_DIR, ONEROSTER_ZIP, REPORT_FILE, UNSCHEDULED_FILE } from "./roster-layout.ts";
import { rolesRows } from "./roles-rows.ts";
import { unscheduledRows } from "./unscheduled-rows.ts";
import { spreadsheetSafeRows } from "../spreadsheet-safe.ts";
import { usersRows } from "./users-rows.ts";
import { writeCsvFile } from "./write-csv-file.ts";
import { zipDirectory } from "./zip-directory.ts";

/** How to write a roster directory, beyond what the problem carries. */
export interface RosterDirectoryOptions extends RosterWriteOptions {
  /** Also write oneroster.zip beside the oneroster/ folder: the same files, at the archive's root. */
  zip?: boolean;
}

/** One OneRoster data file: its name in the manifest, its columns and its rows. */
interface DataFile {
  name: string;
  columns: readonly string[];
  rows: (context: ExportContext) => Iterable<Row<readonly string[]>>;
}

/** The rostering files, in the order they are written (every reference points to a file written before it). */
const DATA_FILES: DataFile[] = [
  { name: "orgs", columns: ORGS_COLUMNS, rows: orgsRows },
  { name: "academicSessions", columns: ACADEMIC_SESSIONS_COLUMNS, rows: academicSessionsRows },
  { name: "courses", columns: COURSES_COLUMNS, rows: coursesRows },
  { name: "classes", columns: CLASSES_COLUMNS, rows: classesRows },
  { name: "users", columns: USERS_COLUMNS, rows: usersRows },
  { name: "roles", columns: ROLES_COLUMNS, rows: rolesRows },
  { name: "enrollments", columns: ENROLLMENTS_COLUMNS, rows: enrollmentsRows },
];

/**
 * Writes a roster directory: `oneroster/`, a OneRoster 1.2.1 bulk CSV set (manifest, orgs,
 * academicSessions, courses, classes, users, roles, enrollments) that zips as it is, and beside
 * it our own unscheduled.csv and report.json (and oneroster.zip with `zip`). A data file
 * without rows is left out and marked absent, as the binding forbids empty files.
 * Throws before writing anything if the rosters do not fit the problem.
 */
export async function writeRoster(
  dir: string,
  problem: Problem,
  rosters: SchoolRoster[],
  report: unknown,
  options: RosterDirectoryOptions = {},
): Promise<void> {
  const context = exportContext(problem, rosters, options);
  const oneRosterDir = join(dir, ONEROSTER_DIR);
  await mkdir(oneRosterDir, { recursive: true });
  const written = new Set<string>();
  for (const file of DATA_FILES) {
    const path = join(oneRosterDir, `${file.name}.csv`);
    if ((await writeCsvFile(path, file.columns, file.rows(context))) > 0) written.add(file.name);
    else await rm(path);
  }
  await writeCsvFile(join(oneRosterDir, "manifest.csv"), MANIFEST_COLUMNS, manifestRows(context.systemName, written));
  await writeCsvFile(join(dir, UNSCHEDULED_FILE), UNSCHEDULED_COLUMNS, spreadsheetSafeRows(unscheduledRows(rosters)));
  await writeFile(join(dir, REPORT_FILE), `${JSON.stringify(report ?? null, null, 2)}\n`, "utf8");
  if (options.zip) {
    const names = [
      "manifest.csv",
      ...DATA_FILES.filter((file) => written.has(file.name)).map((file) => `${file.name}.csv`),
    ];
    await zipDirectory(oneRosterDir, names, join(dir, ONEROSTER_ZIP));
  }
}
