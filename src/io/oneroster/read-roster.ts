import type { SchoolRoster, SectionPlacement, Unscheduled, UnscheduledReason } from "../../domain/roster.ts";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { readCsvRows } from "./read-csv-rows.ts";
import { RosterReadError } from "./roster-read-error.ts";
import { fromSpreadsheetSafe } from "../spreadsheet-safe.ts";

/** A class read from classes.csv, with the school it belongs to. */
interface ClassRead {
  schoolId: string;
  placement: SectionPlacement;
}

/**
 * Reads a roster directory written by writeRoster (or any OneRoster 1.2 export keyed the
 * same way) back into one SchoolRoster per school org, in orgs.csv order. Sections come from
 * classes.csv (classCode, periods, location), teachers and students from enrollments.csv,
 * unmet requests from unscheduled.csv. Throws a RosterReadError naming file:line on bad input.
 */
export async function readRoster(dir: string): Promise<SchoolRoster[]> {
  const rosters = await readSchools(dir);
  const classes = await readClasses(dir, rosters);
  await readEnrollments(dir, rosters, classes);
  await readUnscheduled(dir, rosters);
  return [...rosters.values()];
}

async function readSchools(dir: string): Promise<Map<string, SchoolRoster>> {
  const rosters = new Map<string, SchoolRoster>();
  for await (const row of readCsvRows(dir, "orgs.csv", ["sourcedId", "type"])) {
    if (row.cell("type") !== "school") continue;
    const schoolId = required(row.cell("sourcedId"), "orgs.csv", row.line, "sourcedId");
    if (rosters.has(schoolId)) {
      throw new RosterReadError("orgs.csv", row.line, `sourcedId: school "${schoolId}" is listed twice`);
    }
    rosters.set(schoolId, { schoolId, sections: [], enrollments: [], unscheduled: [] });
  }
  return rosters;
}

async function readClasses(dir: string, rosters: Map<string, SchoolRoster>): Promise<Map<string, ClassRead>> {
  const file = "classes.csv";
  const classes = new Map<string, ClassRead>();
  const sectionsSeen = new Map<string, Set<string>>();
  for await (const row of readCsvRows(dir, file, ["sourcedId", "classCode", "schoolSourcedId", "periods", "location"])) {
    const sourcedId = required(row.cell("sourcedId"), file, row.line, "sourcedId");
    const sectionId = required(row.cell("classCode"), file, row.line, "classCode");
    const schoolId = required(row.cell("schoolSourcedId"), file, row.line, "schoolSourcedId");
    const roster = rosters.get(schoolId);
    if (!roster) throw new RosterReadError(file, row.line, `schoolSourcedId: "${schoolId}" is not a school in orgs.csv`);
    if (classes.has(sourcedId)) throw new RosterReadError(file, row.line, `sourcedId: "${sourcedId}" is listed twice`);
    const seen = sectionsSeen.get(schoolId) ?? new Set<string>();
    sectionsSeen.set(schoolId, seen);
    if (seen.has(sectionId)) {
      throw new RosterReadError(file, row.line, `classCode: section "${sectionId}" of school "${schoolId}" is listed twice`);
    }
    seen.add(sectionId);
    const placement: SectionPlacement = { sectionId };
    const period = parsePeriod(row.cell("periods"), file, row.line);
    if (period !== undefined) placement.period = period;
    const roomId = row.cell("location");
    if (roomId !== "") placement.roomId = roomId;
    roster.sections.push(placement);
    classes.set(sourcedId, { schoolId, placement });
  }
  return classes;
}

async function readEnrollments(
  dir: string,
  rosters: Map<string, SchoolRoster>,
  classes: Map<string, ClassRead>,
): Promise<void> {
  const file = "enrollments.csv";
  for await (const row of readCsvRows(dir, file, ["classSourcedId", "userSourcedId", "role", "primary"])) {
    const classId = required(row.cell("classSourcedId"), file, row.line, "classSourcedId");
    const userId = required(row.cell("userSourcedId"), file, row.line, "userSourcedId");
    const known = classes.get(classId);
    if (!known) throw new RosterReadError(file, row.line, `classSourcedId: "${classId}" is not a class in classes.csv`);
    const schoolId = row.cell("schoolSourcedId");
    if (schoolId !== "" && schoolId !== known.schoolId) {
      throw new RosterReadError(
        file,
        row.line,
        `schoolSourcedId: "${schoolId}" differs from the school of class "${classId}" ("${known.schoolId}")`,
      );
    }
    const role = row.cell("role");
    const placement = known.placement;
    if (role === "student") {
      rosters.get(known.schoolId)!.enrollments.push({ studentId: userId, sectionId: placement.sectionId });
    } else if (role === "teacher") {
      const primary = parseBoolean(row.cell("primary"), file, row.line, "primary");
      const slot = primary ? "teacherId" : "coTeacherId";
      if (placement[slot] !== undefined) {
        const which = primary ? "primary teacher" : "co-teacher (primary = false)";
        throw new RosterReadError(file, row.line, `userSourcedId: class "${classId}" already has a ${which}, "${placement[slot]}"`);
      }
      placement[slot] = userId;
    } else {
      throw new RosterReadError(file, row.line, `role: "${role}" is neither student nor teacher`);
    }
  }
}

async function readUnscheduled(dir: string, rosters: Map<string, SchoolRoster>): Promise<void> {
  const file = "unscheduled.csv";
  const columns = ["school_id", "student_id", "course_id", "priority", "reason"];
  for await (const row of readCsvRows(dir, file, columns)) {
    // Written spreadsheet-safe (a counselor opens it): undone here, so IDs read back exact.
    const cell = (column: string) => fromSpreadsheetSafe(row.cell(column));
    const schoolId = required(cell("school_id"), file, row.line, "school_id");
    const roster = rosters.get(schoolId);
    if (!roster) throw new RosterReadError(file, row.line, `school_id: "${schoolId}" is not a school in orgs.csv`);
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

function parsePeriod(text: string, file: string, line: number): number | undefined {
  if (text.trim() === "") return undefined;
  if (text.includes(",")) throw new RosterReadError(file, line, `periods: "${text}" names more than one period`);
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new RosterReadError(file, line, `periods: "${text}" is not a period number (1, 2, ...)`);
  }
  return Number(text);
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
