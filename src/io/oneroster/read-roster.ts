import type { SchoolRoster, SectionPlacement, Unscheduled, UnscheduledReason } from "../../domain/roster.ts";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { join } from "node:path";
import { readCsvRows } from "./read-csv-rows.ts";
import { ONEROSTER_DIR, UNSCHEDULED_FILE } from "./roster-layout.ts";
import { RosterReadError } from "./roster-read-error.ts";
import { fromSpreadsheetSafe } from "../spreadsheet-safe.ts";

/** A class read from classes.csv, with the school it belongs to. */
interface ClassRead {
  schoolSourcedId: string;
  roster: SchoolRoster;
  placement: SectionPlacement;
}

/**
 * Reads a roster directory written by writeRoster (or any OneRoster 1.2 export keyed the
 * same way) back into one SchoolRoster per school org, in orgs.csv order, with our own IDs:
 * a school is its org's identifier, a user their users.csv identifier (each falling back to
 * the sourcedId where the identifier is empty), a section its class's classCode. Sections come
 * from oneroster/classes.csv (classCode, periods, location), teachers and students from
 * oneroster/enrollments.csv, unmet requests from unscheduled.csv beside the oneroster folder.
 * Throws a RosterReadError naming file:line on bad input.
 */
export async function readRoster(dir: string): Promise<SchoolRoster[]> {
  const oneRosterDir = join(dir, ONEROSTER_DIR);
  const schools = await readSchools(oneRosterDir);
  const users = await readUsers(oneRosterDir);
  const classes = await readClasses(oneRosterDir, schools);
  await readEnrollments(oneRosterDir, classes, users);
  const rosters = new Map([...schools.values()].map((roster) => [roster.schoolId, roster]));
  await readUnscheduled(dir, rosters);
  return [...rosters.values()];
}

/** School orgs by sourcedId, each an empty roster keyed by the school's own ID. */
async function readSchools(dir: string): Promise<Map<string, SchoolRoster>> {
  const file = "orgs.csv";
  const bySourcedId = new Map<string, SchoolRoster>();
  const schoolIds = new Set<string>();
  for await (const row of readCsvRows(dir, file, ["sourcedId", "type", "identifier"])) {
    if (row.cell("type") !== "school") continue;
    const sourcedId = required(row.cell("sourcedId"), file, row.line, "sourcedId");
    const schoolId = row.cell("identifier") || sourcedId;
    if (bySourcedId.has(sourcedId))
      throw new RosterReadError(file, row.line, `sourcedId: school "${sourcedId}" is listed twice`);
    if (schoolIds.has(schoolId))
      throw new RosterReadError(file, row.line, `identifier: school "${schoolId}" is listed twice`);
    schoolIds.add(schoolId);
    bySourcedId.set(sourcedId, { schoolId, sections: [], enrollments: [], unscheduled: [] });
  }
  return bySourcedId;
}

/** Each user's own ID (identifier, else sourcedId) by sourcedId. */
async function readUsers(dir: string): Promise<Map<string, string>> {
  const file = "users.csv";
  const users = new Map<string, string>();
  for await (const row of readCsvRows(dir, file, ["sourcedId", "identifier"])) {
    const sourcedId = required(row.cell("sourcedId"), file, row.line, "sourcedId");
    if (users.has(sourcedId))
      throw new RosterReadError(file, row.line, `sourcedId: user "${sourcedId}" is listed twice`);
    users.set(sourcedId, row.cell("identifier") || sourcedId);
  }
  return users;
}

async function readClasses(dir: string, rosters: Map<string, SchoolRoster>): Promise<Map<string, ClassRead>> {
  const file = "classes.csv";
  const classes = new Map<string, ClassRead>();
  const sectionsSeen = new Map<string, Set<string>>();
  for await (const row of readCsvRows(dir, file, [
    "sourcedId",
    "classCode",
    "schoolSourcedId",
    "periods",
    "location",
  ])) {
    const sourcedId = required(row.cell("sourcedId"), file, row.line, "sourcedId");
    const sectionId = required(row.cell("classCode"), file, row.line, "classCode");
    const schoolSourcedId = required(row.cell("schoolSourcedId"), file, row.line, "schoolSourcedId");
    const roster = rosters.get(schoolSourcedId);
    if (!roster)
      throw new RosterReadError(file, row.line, `schoolSourcedId: "${schoolSourcedId}" is not a school in orgs.csv`);
    const schoolId = roster.schoolId;
    if (classes.has(sourcedId)) throw new RosterReadError(file, row.line, `sourcedId: "${sourcedId}" is listed twice`);
    const seen = sectionsSeen.get(schoolId) ?? new Set<string>();
    sectionsSeen.set(schoolId, seen);
    if (seen.has(sectionId)) {
      throw new RosterReadError(
        file,
        row.line,
        `classCode: section "${sectionId}" of school "${schoolId}" is listed twice`,
      );
    }
    seen.add(sectionId);
    const placement: SectionPlacement = { sectionId };
    const period = parsePeriod(row.cell("periods"), file, row.line);
    if (period !== undefined) placement.period = period;
    const roomId = row.cell("location");
    if (roomId !== "") placement.roomId = roomId;
    roster.sections.push(placement);
    classes.set(sourcedId, { schoolSourcedId, roster, placement });
  }
  return classes;
}

async function readEnrollments(
  dir: string,
  classes: Map<string, ClassRead>,
  users: Map<string, string>,
): Promise<void> {
  const file = "enrollments.csv";
  for await (const row of readCsvRows(dir, file, ["classSourcedId", "userSourcedId", "role", "primary"])) {
    const classId = required(row.cell("classSourcedId"), file, row.line, "classSourcedId");
    const userSourcedId = required(row.cell("userSourcedId"), file, row.line, "userSourcedId");
    const userId = users.get(userSourcedId);
    if (userId === undefined)
      throw new RosterReadError(file, row.line, `userSourcedId: "${userSourcedId}" is not a user in users.csv`);
    const known = classes.get(classId);
    if (!known) throw new RosterReadError(file, row.line, `classSourcedId: "${classId}" is not a class in classes.csv`);
    const schoolId = row.cell("schoolSourcedId");
    if (schoolId !== "" && schoolId !== known.schoolSourcedId) {
      throw new RosterReadError(
        file,
        row.line,
        `schoolSourcedId: "${schoolId}" differs from the school of class "${classId}" ("${known.schoolSourcedId}")`,
      );
    }
    const role = row.cell("role");
    const placement = known.placement;
    if (role === "student") {
      known.roster.enrollments.push({ studentId: userId, sectionId: placement.sectionId });
    } else if (role === "teacher") {
      const primary = parseBoolean(row.cell("primary"), file, row.line, "primary");
      const slot = primary ? "teacherId" : "coTeacherId";
      if (placement[slot] !== undefined) {
        const which = primary ? "primary teacher" : "co-teacher (primary = false)";
        throw new RosterReadError(
          file,
          row.line,
          `userSourcedId: class "${classId}" already has a ${which}, "${placement[slot]}"`,
        );
      }
      placement[slot] = userId;
    } else {
      throw new RosterReadError(file, row.line, `role: "${role}" is neither student nor teacher`);
    }
  }
}

async function readUnscheduled(dir: string, rosters: Map<string, SchoolRoster>): Promise<void> {
  const file = UNSCHEDULED_FILE;
  const columns = ["school_id", "student_id", "course_id", "priority", "reason"];
  for await (const row of readCsvRows(dir, file, columns)) {
    // Written spreadsheet-safe (a counselor opens it): undone here, so IDs read back exact.
    const cell = (column: string) => fromSpreadsheetSafe(row.cell(column));
    const schoolId = required(cell("school_id"), file, row.line, "school_id");
    const roster = rosters.get(schoolId);
    if (!roster)
      throw new RosterReadError(
        file,
        row.line,
        `school_id: "${schoolId}" is not a school in ${ONEROSTER_DIR}/orgs.csv`,
      );
    const item: Unscheduled = {
      studentId: required(cell("student_id"), file, row.line, "student_id"),
      courseId: required(cell("course_id"), file, row.line, "course_id"),
      priority: parsePriority(row.cell("priority"), file, row.line),
      reason: parseReason(row.cell("reason"), file, row.line),
    };
    roster.unscheduled.push(item);
  }
}

function required(value: string, file: string, line: number, column: string): string {
  if (value === "") throw new RosterReadError(file, line, `${column}: empty, but required`);
  return value;
}

/** The first period of a class: "3", or "3,4" for a section that meets in consecutive periods (v1.1 length). */
function parsePeriod(text: string, file: string, line: number): number | undefined {
  if (text.trim() === "") return undefined;
  const parts = text.split(",");
  for (const part of parts) {
    if (!/^\s*\d+\s*$/.test(part) || Number(part) < 1) {
      throw new RosterReadError(
        file,
        line,
        `periods: "${text}" is not a period number (1, 2, ...) or a list of consecutive ones`,
      );
    }
  }
  const first = Number(parts[0]);
  if (parts.some((part, k) => Number(part) !== first + k)) {
    throw new RosterReadError(file, line, `periods: "${text}" are not consecutive periods`);
  }
  return first;
}

function parsePriority(text: string, file: string, line: number): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new RosterReadError(file, line, `priority: "${text}" is not a priority (1, 2, ...)`);
  }
  return Number(text);
}

function parseReason(text: string, file: string, line: number): UnscheduledReason {
  const reason = UNSCHEDULED_REASONS.find((known) => known === text);
  if (!reason) {
    throw new RosterReadError(file, line, `reason: "${text}" is not one of ${UNSCHEDULED_REASONS.join(", ")}`);
  }
  return reason;
}

function parseBoolean(text: string, file: string, line: number, column: string): boolean {
  const lower = text.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw new RosterReadError(file, line, `${column}: "${text}" is neither true nor false`);
}
