/** Reads one school's problem back from the store, row for row and in input order. */
import type { CourseRequest, School, SchoolKind, SchoolProblem, Student } from "../domain/problem.ts";
import {
  AVOID_TABLE,
  COURSE_TABLE,
  ROOM_TABLE,
  SECTION_TABLE,
  STUDENT_TABLE,
  TEACHER_TABLE,
  TERM_TABLE,
  studentFromRow,
  type ProblemTable,
} from "./problem-tables.ts";
import { queryArrays, queryRows, toNumber } from "./sql.ts";
import { rowsInPositionOrder } from "./rows-in-position-order.ts";
import { inPositionOrder, readRequests } from "./student-requests.ts";
import type { Queryable, Store } from "./store.ts";
import { UnknownSchoolError } from "./store-errors.ts";
import { idPool, recallProblem, rememberProblem } from "./store-cache.ts";
import { shareProblemIds } from "./share-ids.ts";
import { turnClock } from "./event-loop-turns.ts";

async function readTable<T>(db: Queryable, spec: ProblemTable<T>, schoolId: string): Promise<T[]> {
  // Only the columns fromRow reads, not `*`, and as arrays, not an object per row.
  // Array.from, not map: optimized, map's array is holey, and join deoptimized on it.
  const columns = Array.from(spec.columns, (column) => `"${column.name}"`).join(", ");
  const rows = await queryArrays(
    db,
    `SELECT ${columns} FROM "${spec.table}" WHERE school_id = $1 ORDER BY position`,
    schoolId,
  );
  // A loop, not map: once this is optimized, map's array is holey where the builtin's was packed,
  // and every optimized reader of a table deoptimized on the new map (district export, per thread).
  const read: T[] = [];
  for (const row of rows) read.push(spec.fromRow(row, schoolId));
  return read;
}

/**
 * Milliseconds of decoding between two turns of the event loop while a school's student rows
 * are turned into students and requests (a 4,374-student school's 55,502 requests: ~100 ms of
 * one thread in one go). The rows are already read, in the read's one transaction.
 */
export const DECODE_MS_PER_TURN = 15;

/**
 * The columns of a student row the problem is read from: the student's (studentFromRow reads
 * the first eight) and the requests, not request_count (it is for SQL, the requests say it).
 */
const STUDENT_COLUMN_NAMES = STUDENT_TABLE.columns
  .filter((column) => column.name !== "request_count")
  .map((column) => column.name);
const STUDENT_COLUMNS = STUDENT_COLUMN_NAMES.map((name) => `"${name}"`).join(", ");

/** Where the requests are among STUDENT_COLUMNS. */
const REQUESTS_COLUMN = STUDENT_COLUMN_NAMES.indexOf("requests");

/** Where a student row's position is: after STUDENT_COLUMNS. */
const POSITION_COLUMN = STUDENT_COLUMN_NAMES.length;

/**
 * The school's students and, from their rows, its requests in input order. Straight from the
 * rows: no record per student between the row and the student. The rows come in the order of
 * the key the query finds them by (school_id, student_id) and are put in position order here
 * (rowsInPositionOrder): an ORDER BY position made SQLite copy every row into a sorter and back.
 */
async function readStudents(
  db: Queryable,
  schoolId: string,
): Promise<{ students: Student[]; requests: CourseRequest[] }> {
  const rows = rowsInPositionOrder(
    await queryArrays(
      db,
      `SELECT ${STUDENT_COLUMNS}, position FROM "${STUDENT_TABLE.table}" WHERE school_id = $1`,
      schoolId,
    ),
    POSITION_COLUMN,
  );
  const students: Student[] = new Array(rows.length);
  const requests: CourseRequest[] = [];
  const positions: number[] = [];
  const clock = turnClock(DECODE_MS_PER_TURN);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const student = studentFromRow(row, schoolId);
    students[i] = student;
    readRequests(String(row[REQUESTS_COLUMN]), schoolId, student.studentId, requests, positions);
    if ((i & 63) === 63 && clock.due()) await clock.turn();
  }
  return { students, requests: inPositionOrder(requests, positions) };
}

/** How a school's problem or a run's roster is read. */
export interface ReadOptions {
  /**
   * Read for one use (an export reads each school once): neither looked up in nor kept in the
   * store's cache, nor its IDs pooled (on the district, pooling was 3 s of the export's CPU and
   * the cache's schools garbage for the old generation).
   */
  once?: boolean;
}

/**
 * The school's problem and the import version it comes from; throws UnknownSchoolError if
 * absent. Served from the store's cache when the version has not moved (one small query).
 */
export async function readSchoolProblemVersioned(
  store: Store,
  schoolId: string,
  options: ReadOptions = {},
): Promise<{ problem: SchoolProblem; problemVersion: number }> {
  if (!options.once) {
    const [current] = await queryRows<{ problem_version: unknown }>(
      store.db,
      `SELECT problem_version FROM school WHERE id = $1`,
      schoolId,
    );
    if (!current) throw new UnknownSchoolError(schoolId);
    const cached = recallProblem(store.cache, schoolId, toNumber(current.problem_version));
    if (cached) return { problem: cached, problemVersion: toNumber(current.problem_version) };
  }
  // One read transaction, so that an import committing meanwhile cannot mix two versions.
  const read = await store.db.transaction(async (tx) => {
    const [row] = await queryRows<{
      id: string;
      name: string;
      kind: string;
      grade_low: unknown;
      grade_high: unknown;
      periods: unknown;
      lunch_periods: unknown;
      problem_version: unknown;
    }>(
      tx,
      `SELECT id, name, kind, grade_low, grade_high, periods, lunch_periods, problem_version FROM school WHERE id = $1`,
      schoolId,
    );
    if (!row) throw new UnknownSchoolError(schoolId);
    const [terms, courses, teachers, rooms, sections, { students, requests }, avoid] = await Promise.all([
      readTable(tx, TERM_TABLE, schoolId),
      readTable(tx, COURSE_TABLE, schoolId),
      readTable(tx, TEACHER_TABLE, schoolId),
      readTable(tx, ROOM_TABLE, schoolId),
      readTable(tx, SECTION_TABLE, schoolId),
      readStudents(tx, schoolId),
      readTable(tx, AVOID_TABLE, schoolId),
    ]);
    const school: School = {
      schoolId: row.id,
      name: row.name,
      kind: row.kind as SchoolKind,
      gradeLow: toNumber(row.grade_low),
      gradeHigh: toNumber(row.grade_high),
      periods: toNumber(row.periods),
      terms,
    };
    if (row.lunch_periods !== null && row.lunch_periods !== undefined)
      school.lunchPeriods = JSON.parse(String(row.lunch_periods)) as number[];
    const problem: SchoolProblem = { school, courses, teachers, rooms, sections, students, requests, avoid };
    return { problem, problemVersion: toNumber(row.problem_version) };
  });
  if (options.once) return read;
  shareProblemIds(read.problem, idPool(store.cache, schoolId));
  rememberProblem(store.cache, schoolId, read.problemVersion, read.problem);
  return read;
}

/** The school's problem; throws UnknownSchoolError if the store has no such school. */
export async function readSchoolProblem(store: Store, schoolId: string): Promise<SchoolProblem> {
  return (await readSchoolProblemVersioned(store, schoolId)).problem;
}

/** Every school ID in the store, in import order. */
export async function listSchoolIds(store: Store): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(store.db, `SELECT id FROM school ORDER BY position, id`);
  return rows.map((r) => r.id);
}
