/**
 * A roster directory written school by school: each school's rows go to every file as the
 * school is added, and nothing of it is kept after, so a district's export holds one school at
 * a time (plus its teachers, which users.csv and roles.csv list after every student, and the
 * IDs written, which a user must not be written twice under). writeRoster writes a whole
 * problem through it; `mse export` feeds it the store's live rosters as they are read.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { joinSchools } from "../../domain/join-schools.ts";
import type { SchoolProblem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { schoolYearRow } from "./academic-sessions-rows.ts";
import { MANIFEST_COLUMNS } from "./columns.ts";
import {
  distinctSourcedIds,
  exportContext,
  studentAndTeacherError,
  type RosterWriteOptions,
} from "./export-context.ts";
import { manifestRows } from "./manifest-rows.ts";
import { districtOrgRow } from "./orgs-rows.ts";
import { ONEROSTER_DIR, ONEROSTER_ZIP, REPORT_FILE, UNSCHEDULED_FILE } from "./roster-layout.ts";
import { plainColumnsOf, SCHOOL_FILE_COLUMNS, schoolCsv, type CsvLines, type SchoolCsv } from "./school-csv.ts";
import { openCsvFile, writeCsvFile, type CsvFileWriter } from "./write-csv-file.ts";

/** How to write a roster directory, beyond what the problem carries. */
export interface RosterDirectoryOptions extends RosterWriteOptions {
  /** Also write oneroster.zip beside the oneroster/ folder: the same files, at the archive's root. */
  zip?: boolean;
}

/**
 * The school that lists a student ID (the first to, if several do), of the schools added to a
 * roster directory so far and maybe of others too (those answers are ignored).
 */
export type StudentSchool = (studentId: string) => string | undefined;

/** Where a caller keeps the students of every school it has met (`mse export`'s tally). */
export interface StudentRegister {
  /** The school of a student, as StudentSchool; it may answer none while `distinct`. */
  schoolOf: StudentSchool;
  /**
   * True when no student of the schools met so far (the one being added among them) is a
   * student of another school or a teacher of any: the directory then looks none of them up.
   */
  distinct(): boolean;
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
  /** addSchool of a school's lines built already (schoolCsv, maybe on another thread); the same checks across schools. */
  addSchoolCsv(csv: SchoolCsv): Promise<void>;
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
 *
 * `students`: where the caller keeps every student ID it has met across schools already
 * (`mse export`'s check that no two schools list one student), so that the directory keeps no
 * second record of the same IDs: on the district, 683,000 IDs hashed into one table less on
 * the thread that writes (see claim below). Without it the directory records them itself.
 */
export async function openRosterDirectory(
  dir: string,
  options: RosterDirectoryOptions = {},
  students?: StudentRegister,
): Promise<RosterDirectoryWriter> {
  const district = exportContext(NO_SCHOOLS, [], options);
  const oneRosterDir = join(dir, ONEROSTER_DIR);
  await mkdir(oneRosterDir, { recursive: true });
  const path = (name: string) => join(oneRosterDir, `${name}.csv`);
  const open = (name: keyof typeof SCHOOL_FILE_COLUMNS, at: string) =>
    openCsvFile(at, SCHOOL_FILE_COLUMNS[name], plainColumnsOf(name));
  const files = {
    orgs: open("orgs", path("orgs")),
    academicSessions: open("academicSessions", path("academicSessions")),
    courses: open("courses", path("courses")),
    classes: open("classes", path("classes")),
    users: open("users", path("users")),
    roles: open("roles", path("roles")),
    enrollments: open("enrollments", path("enrollments")),
  } satisfies Record<(typeof DATA_FILES)[number], CsvFileWriter<readonly string[]>>;
  const unscheduled = open("unscheduled", join(dir, UNSCHEDULED_FILE));
  const destroy = () => {
    for (const file of [...Object.values(files), unscheduled]) file.destroy();
  };
  // Across schools: what a later school must not clash with.
  const schools = new Set<string>();
  const ownStudents = students ? undefined : new Map<string, string>();
  const schoolOfStudent: StudentSchool = students?.schoolOf ?? ((studentId) => ownStudents!.get(studentId));
  /** A student of a school added before this one (the school being added is not among them yet). */
  const studentWritten = (studentId: string) => {
    const school = schoolOfStudent(studentId);
    return school !== undefined && schools.has(school);
  };
  const teacherIds = new Set<string>();
  /**
   * The teachers' lines, written after every student: users.csv's of each teacher's first
   * school, roles.csv's of every school, kept off the heap as each school's UTF-8: the
   * district's 80,000 lines kept as strings were 10 MB more for every full collection of the
   * thread to mark until the end (30-40 of them).
   */
  const teacherLines: Record<"users" | "roles", CsvLines[]> = { users: [], roles: [] };
  const schoolSourcedIds = distinctSourcedIds("school_id");
  const userSourcedIds = distinctSourcedIds("user ID");
  try {
    await files.orgs.write([districtOrgRow(district)]);
    await files.academicSessions.write([schoolYearRow(district)]);
  } catch (error) {
    destroy();
    throw error;
  }

  /**
   * Refuses what two schools cannot both have; notes this school's. The teachers are checked
   * against the students of the schools added before, the school itself then noted: a student
   * and teacher of one school is exportContext's to refuse, and has been.
   */
  const claim = (csv: SchoolCsv) => {
    if (schools.has(csv.schoolId)) throw new Error(`two rosters of school "${csv.schoolId}"`);
    schoolSourcedIds(csv.schoolId);
    // Each student looked up among 40,000 teachers took 0.4 s of this thread on the district.
    const teachersAmongStudents = !students?.distinct();
    for (const studentId of csv.studentIds) {
      if (teachersAmongStudents && teacherIds.has(studentId)) throw studentAndTeacherError(studentId);
      userSourcedIds(studentId);
    }
    const users: string[] = [];
    for (const { teacherId, user } of csv.teachers) {
      if (studentWritten(teacherId)) throw studentAndTeacherError(teacherId);
      if (!teacherIds.has(teacherId)) users.push(user);
      teacherIds.add(teacherId);
      userSourcedIds(teacherId);
    }
    schools.add(csv.schoolId);
    teacherLines.users.push({ bytes: Buffer.from(users.join("")), rows: users.length });
    teacherLines.roles.push({
      bytes: Buffer.from(csv.teachers.map((teacher) => teacher.role).join("")),
      rows: csv.teachers.length,
    });
    if (ownStudents) {
      for (const studentId of csv.studentIds) if (!ownStudents.has(studentId)) ownStudents.set(studentId, csv.schoolId);
    }
  };

  const addSchoolCsv = async (csv: SchoolCsv) => {
    try {
      claim(csv);
      for (const name of DATA_FILES) await files[name].append(csv.files[name].bytes, csv.files[name].rows);
      await unscheduled.append(csv.files.unscheduled.bytes, csv.files.unscheduled.rows);
    } catch (error) {
      destroy();
      throw error;
    }
  };

  return {
    async addSchool(school, roster) {
      let csv: SchoolCsv;
      try {
        csv = schoolCsv(school, roster, options, studentWritten);
      } catch (error) {
        destroy();
        throw error;
      }
      await addSchoolCsv(csv);
    },
    addSchoolCsv,
    async close(report) {
      const written = new Set<string>();
      try {
        for (const name of ["users", "roles"] as const)
          for (const { bytes, rows } of teacherLines[name]) await files[name].append(bytes, rows);
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
