import { mkdir, writeFile } from "node:fs/promises";
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
} from "./columns.ts";
import { coursesRows } from "./courses-rows.ts";
import { enrollmentsRows } from "./enrollments-rows.ts";
import { exportContext, type RosterWriteOptions } from "./export-context.ts";
import { manifestRows } from "./manifest-rows.ts";
import { orgsRows } from "./orgs-rows.ts";
import { rolesRows } from "./roles-rows.ts";
import { unscheduledRows } from "./unscheduled-rows.ts";
import { spreadsheetSafeRows } from "../spreadsheet-safe.ts";
import { usersRows } from "./users-rows.ts";
import { writeCsvFile } from "./write-csv-file.ts";

/**
 * Writes a roster directory: OneRoster 1.2 bulk CSV (manifest, orgs, academicSessions,
 * courses, classes, users, roles, enrollments) plus unscheduled.csv and report.json.
 * Throws before writing anything if the rosters do not fit the problem.
 */
export async function writeRoster(
  dir: string,
  problem: Problem,
  rosters: SchoolRoster[],
  report: unknown,
  options: RosterWriteOptions = {},
): Promise<void> {
  const context = exportContext(problem, rosters, options);
  await mkdir(dir, { recursive: true });
  await writeCsvFile(join(dir, "manifest.csv"), MANIFEST_COLUMNS, manifestRows(context.systemName));
  await writeCsvFile(join(dir, "orgs.csv"), ORGS_COLUMNS, orgsRows(context));
  await writeCsvFile(join(dir, "academicSessions.csv"), ACADEMIC_SESSIONS_COLUMNS, academicSessionsRows(context));
  await writeCsvFile(join(dir, "courses.csv"), COURSES_COLUMNS, coursesRows(context));
  await writeCsvFile(join(dir, "classes.csv"), CLASSES_COLUMNS, classesRows(context));
  await writeCsvFile(join(dir, "users.csv"), USERS_COLUMNS, usersRows(context));
  await writeCsvFile(join(dir, "roles.csv"), ROLES_COLUMNS, rolesRows(context));
  await writeCsvFile(join(dir, "enrollments.csv"), ENROLLMENTS_COLUMNS, enrollmentsRows(context));
  await writeCsvFile(join(dir, "unscheduled.csv"), UNSCHEDULED_COLUMNS, spreadsheetSafeRows(unscheduledRows(rosters)));
  await writeFile(join(dir, "report.json"), `${JSON.stringify(report ?? null, null, 2)}\n`, "utf8");
}
