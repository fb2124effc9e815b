/**
 * A roster directory written school by school: each school's rows go to every file as the
 * school is added, and nothing of it is kept after, so a district's export holds one school at
 * a time (plus its teachers, which users.csv and roles.csv list after every student, and the
 * IDs written, which a user must not be written twice under). writeRoster writes a whole
 * problem through it; `mse export` feeds it the store's live rosters as they are read.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { joinSchools, schoolAsProblem } from "../../domain/join-schools.ts";
import type { SchoolProblem, Teacher } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { academicSessionsRows, schoolYearRow } from "./academic-sessions-rows.ts";
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
  plainColumns,
} from "./columns.ts";
import { coursesRows } from "./courses-rows.ts";
import { enrollmentsRows } from "./enrollments-rows.ts";
import {
  distinctSourcedIds,
  exportContext,
  studentAndTeacherError,
  type ExportContext,
  type RosterWriteOptions,
} from "./export-context.ts";
import { manifestRows } from "./manifest-rows.ts";
import { districtOrgRow, orgsRows } from "./orgs-rows.ts";
import { ONEROSTER_DIR, ONEROSTER_ZIP, REPORT_FILE, UNSCHEDULED_FILE } from "./roster-layout.ts";
import { studentRolesRows, teacherRolesRows } from "./roles-rows.ts";
import { unscheduledRows } from "./unscheduled-rows.ts";
import { spreadsheetSafeRows } from "../spreadsheet-safe.ts";
import { studentUsersRows, teacherUsersRows } from "./users-rows.ts";
import { openCsvFile, writeCsvFile, type CsvFileWriter } from "./write-csv-file.ts";

/** How to write a roster directory, beyond what the problem carries. */
export interface RosterDirectoryOptions extends RosterWriteOptions {
  /** Also write oneroster.zip beside the oneroster/ folder: the same files, at the archive's root. */
  zip?: boolean;
}

/** A roster directory being written. */
export interface RosterDirectoryWriter {
  /**
   * Writes one school's rows to every file. Throws, and the directory is then not to be used,
   * if the roster does not fit the school or the school clashes with one added before (a second
   * roster of it, a user ID that is a student's in one school and a teacher's in another, two
   * IDs with one sourcedId).
   */
  addSchool(school: SchoolProblem, roster: SchoolRoster): Promise<void>;
  /** Writes what follows every school, the manifest, unscheduled.csv and report.json (and the zip). */
  close(report: unknown): Promise<void>;
  /** Closes every file at once (a failure elsewhere): what was written is to be thrown away. */
  destroy(): void;
}

/** The rostering files, in the order a manifest lists them present (every reference points to a file written before it). */
const DATA_FILES = ["orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments"] as const;

/** No school: what the district's own rows are made from. */
const NO_SCHOOLS = joinSchools([]);

/**
 * Opens a roster directory: `oneroster/`, a OneRoster 1.2.1 bulk CSV set (manifest, orgs,
 * academicSessions, courses, classes, users, roles, enrollments) that zips as it is, and beside
 * it our own unscheduled.csv and report.json (and oneroster.zip with `zip`). A data file
 * without rows is left out and marked absent, as the binding forbids empty files. The district
 * options are checked before anything is written.
 */
export async function openRosterDirectory(
  dir: string,
  options: RosterDirectoryOptions = {},
): Promise<RosterDirectoryWriter> {
  const district = exportContext(NO_SCHOOLS, [], options);
  const oneRosterDir = join(dir, ONEROSTER_DIR);
  await mkdir(oneRosterDir, { recursive: true });
  const path = (name: string) => join(oneRosterDir, `${name}.csv`);
  const files = {
    orgs: openCsvFile(path("orgs"), ORGS_COLUMNS, plainColumns(ORGS_COLUMNS)),
    academicSessions: openCsvFile(
      path("academicSessions"),
      ACADEMIC_SESSIONS_COLUMNS,
      plainColumns(ACADEMIC_SESSIONS_COLUMNS),
    ),
    courses: openCsvFile(path("courses"), COURSES_COLUMNS, plainColumns(COURSES_COLUMNS)),
    classes: openCsvFile(path("classes"), CLASSES_COLUMNS, plainColumns(CLASSES_COLUMNS)),
    users: openCsvFile(path("users"), USERS_COLUMNS, plainColumns(USERS_COLUMNS)),
    roles: openCsvFile(path("roles"), ROLES_COLUMNS, plainColumns(ROLES_COLUMNS)),
    enrollments: openCsvFile(path("enrollments"), ENROLLMENTS_COLUMNS, plainColumns(ENROLLMENTS_COLUMNS)),
  } satisfies Record<(typeof DATA_FILES)[number], CsvFileWriter<readonly string[]>>;
  const unscheduled = openCsvFile(join(dir, UNSCHEDULED_FILE), UNSCHEDULED_COLUMNS);
  const destroy = () => {
    for (const file of [...Object.values(files), unscheduled]) file.destroy();
  };
  // Across schools: what a later school must not clash with.
  const schools = new Set<string>();
  const usersWritten = new Set<string>();
  const teacherIds = new Set<string>();
  const teachers: Teacher[] = [];
  const schoolSourcedIds = distinctSourcedIds("school_id");
  const userSourcedIds = distinctSourcedIds("user ID");
  try {
    await files.orgs.write([districtOrgRow(district)]);
    await files.academicSessions.write([schoolYearRow(district)]);
  } catch (error) {
    destroy();
    throw error;
  }

  /** Refuses what two schools cannot both have; notes this school's. */
  const claim = (context: ExportContext, roster: SchoolRoster) => {
    if (schools.has(roster.schoolId)) throw new Error(`two rosters of school "${roster.schoolId}"`);
    schools.add(roster.schoolId);
    for (const school of context.problem.schools) schoolSourcedIds(school.schoolId);
    for (const student of context.problem.students) {
      if (teacherIds.has(student.studentId)) throw studentAndTeacherError(student.studentId);
      userSourcedIds(student.studentId);
    }
    for (const teacher of context.problem.teachers) {
      if (usersWritten.has(teacher.teacherId)) throw studentAndTeacherError(teacher.teacherId);
      teacherIds.add(teacher.teacherId);
      userSourcedIds(teacher.teacherId);
    }
  };

  return {
    async addSchool(school, roster) {
      try {
        const context = exportContext(schoolAsProblem(school), [roster], options);
        claim(context, roster);
        const { students } = context.problem;
        await files.orgs.write(orgsRows(context));
        await files.academicSessions.write(academicSessionsRows(context));
        await files.courses.write(coursesRows(context));
        await files.classes.write(classesRows(context));
        await files.users.write(studentUsersRows(students, usersWritten));
        await files.roles.write(studentRolesRows(students));
        await files.enrollments.write(enrollmentsRows(context));
        await unscheduled.write(spreadsheetSafeRows(unscheduledRows([roster])));
        for (const teacher of context.problem.teachers) teachers.push(teacher);
      } catch (error) {
        destroy();
        throw error;
      }
    },
    async close(report) {
      const written = new Set<string>();
      try {
        await files.users.write(teacherUsersRows(teachers, usersWritten));
        await files.roles.write(teacherRolesRows(teachers));
        for (const name of DATA_FILES) {
          if ((await files[name].close()) > 0) written.add(name);
          else await rm(path(name));
        }
        await unscheduled.close();
      } catch (error) {
        destroy();
        throw error;
      }
      await writeCsvFile(path("manifest"), MANIFEST_COLUMNS, manifestRows(district.systemName, written));
      await writeFile(join(dir, REPORT_FILE), `${JSON.stringify(report ?? null, null, 2)}\n`, "utf8");
      if (options.zip) {
        const names = ["manifest.csv", ...DATA_FILES.filter((name) => written.has(name)).map((name) => `${name}.csv`)];
        // Loaded here: fflate builds its tables when loaded (30-40 ms of CPU at every start), and only --zip needs it.
        const { zipDirectory } = await import("./zip-directory.ts");
        await zipDirectory(oneRosterDir, names, join(dir, ONEROSTER_ZIP));
      }
    },
    destroy,
  };
}
