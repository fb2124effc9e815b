/**
 * One student's rows of a school's problem, written in place: a late enrollment, new requests
 * for a student, or a student who left. Only that student's rows are written (re-importing a
 * 3,000-student school to add one took ~220 ms), and the school's problem version goes up as
 * an import's does, so a run started before the change can no longer be published.
 *
 * Order, as readSchoolProblem reads it back: a new student comes last, a replaced student
 * keeps their row's place, and the student's requests (on their row) take positions after
 * every other request of the school (as withStudent / withoutStudent of src/domain lay them
 * out in memory). Positions may have gaps afterwards; only their order matters (the next
 * import renumbers them).
 *
 * The store's cache follows: when it held the problem at the version just before the write,
 * the write was made on exactly that problem, so the new version is that problem with the
 * change applied, and the next late run does not read the school again.
 */
import type { CourseRequest, Student } from "../domain/problem.ts";
import { applyStudentRowsChange, type StudentRowsChange } from "../domain/student-change.ts";
import { recallProblem, rememberChange, rememberProblem, studentChangesBetween } from "./store-cache.ts";
import { insertRows } from "./bulk-insert.ts";
import { STUDENT_TABLE, studentRecords, type StudentRecord } from "./problem-tables.ts";
import { execute, queryRows, takeWriteLock, timestampValue, toNumber } from "./sql.ts";
import type { Store, StoreTx } from "./store.ts";
import { UnknownSchoolError, UnknownStudentError } from "./store-errors.ts";
import { lockStudentIds, refuseForeignStudents } from "./student-identity.ts";

/**
 * Raises the school's problem version (and its import time) and takes `requests` positions
 * for new requests; returns the new version and the first position taken. Throws
 * UnknownSchoolError if there is no such school.
 */
async function bumpProblemVersion(
  tx: StoreTx,
  store: Store,
  schoolId: string,
  requests = 0,
): Promise<{ version: number; firstRequestPosition: number }> {
  // Also the lock on the school's row (PostgreSQL): a concurrent import, start or publish waits for this commit.
  const [school] = await queryRows<{ problem_version: unknown; next_request_position: unknown }>(
    tx,
    `UPDATE school SET problem_version = problem_version + 1, imported_at = $2, next_request_position = next_request_position + $3
      WHERE id = $1 RETURNING problem_version, next_request_position`,
    schoolId,
    timestampValue(store, new Date()),
    requests,
  );
  if (!school) throw new UnknownSchoolError(schoolId);
  return {
    version: toNumber(school.problem_version),
    firstRequestPosition: toNumber(school.next_request_position) - requests,
  };
}

/** Writes a student's row, requests included, at `position`. */
function insertStudent(tx: StoreTx, store: Store, schoolId: string, position: number, record: StudentRecord) {
  return insertRows(
    tx,
    store,
    STUDENT_TABLE.table,
    [{ name: "position", type: "integer" }, ...STUDENT_TABLE.columns],
    [[position, ...STUDENT_TABLE.toRow(record)]],
    { constants: [{ name: "school_id", type: "text", value: schoolId }] },
  );
}

/** Keeps the change that made `version`, and caches the new version when the one before it is cached. */
function followInCache(store: Store, schoolId: string, version: number, change: StudentRowsChange): void {
  rememberChange(store.cache, schoolId, version, change);
  const before = recallProblem(store.cache, schoolId, version - 1);
  if (before) rememberProblem(store.cache, schoolId, version, applyStudentRowsChange(before, change));
}

const nextPosition = (max: unknown): number => (max === null || max === undefined ? 0 : toNumber(max) + 1);

/** One student's row and the requests that replace theirs. */
export interface StudentRows {
  student: Student;
  requests: CourseRequest[];
}

/**
 * Adds a student to a school, or replaces the student of the same ID, with exactly these
 * requests (their old ones go); avoid pairs stay. One transaction; returns the school's new
 * problem version. Throws UnknownSchoolError if the store has no such school.
 */
export async function upsertStudent(
  store: Store,
  schoolId: string,
  student: Student,
  requests: CourseRequest[],
): Promise<number> {
  return upsertStudents(store, schoolId, [{ student, requests }]);
}

/**
 * upsertStudent for many students in one transaction and one version step (a wave of late
 * enrollments from the SIS), in the order given: a student listed twice ends as the last
 * listing says. Throws StudentInOtherSchoolError, writing nothing, for a student whose ID
 * another school has.
 */
export async function upsertStudents(
  store: Store,
  schoolId: string,
  students: readonly StudentRows[],
): Promise<number> {
  // As withStudent does: the rows belong to this school and this student, whatever they said.
  const rows = students.map(({ student, requests }) => ({
    row: { ...student, schoolId },
    requestRows: requests.map((r): CourseRequest => ({ ...r, schoolId, studentId: student.studentId })),
  }));
  const version = await store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await lockStudentIds(
      tx,
      store,
      rows.map(({ row }) => row.studentId),
    );
    const requestCount = rows.reduce((n, { requestRows }) => n + requestRows.length, 0);
    const { version, firstRequestPosition } = await bumpProblemVersion(tx, store, schoolId, requestCount);
    let requestPosition = firstRequestPosition;
    for (const { row, requestRows } of rows) {
      const [place] = await queryRows<{ own: unknown; last_student: unknown }>(
        tx,
        `SELECT (SELECT position FROM student WHERE school_id = $1 AND student_id = $2) AS own,
                (SELECT MAX(position) FROM student WHERE school_id = $1) AS last_student`,
        schoolId,
        row.studentId,
      );
      const position =
        place!.own === null || place!.own === undefined ? nextPosition(place!.last_student) : toNumber(place!.own);
      // The student's requests go after every other request of the school.
      const [record] = studentRecords(schoolId, [row], requestRows, requestPosition);
      requestPosition += requestRows.length;
      await execute(tx, `DELETE FROM student WHERE school_id = $1 AND student_id = $2`, schoolId, row.studentId);
      await insertStudent(tx, store, schoolId, position, record!);
    }
    await refuseForeignStudents(
      tx,
      store,
      [schoolId],
      rows.map(({ row }) => row.studentId),
    );
    return version;
  });
  followInCache(store, schoolId, version, {
    kind: "upsert",
    listings: rows.map(({ row, requestRows }) => ({ student: row, requests: requestRows })),
  });
  return version;
}

/**
 * Removes a student from a school: their row, their requests and every avoid pair naming
 * them. One transaction; returns the school's new problem version. Throws UnknownSchoolError
 * or UnknownStudentError (and changes nothing) if there is no such school or student.
 */
export async function removeStudent(store: Store, schoolId: string, studentId: string): Promise<number> {
  const version = await store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    const { version } = await bumpProblemVersion(tx, store, schoolId);
    const removed = await execute(
      tx,
      `DELETE FROM student WHERE school_id = $1 AND student_id = $2`,
      schoolId,
      studentId,
    );
    if (removed === 0) throw new UnknownStudentError(schoolId, studentId);
    await execute(
      tx,
      `DELETE FROM avoid_pair WHERE school_id = $1 AND (student_id = $2 OR other_student_id = $2)`,
      schoolId,
      studentId,
    );
    return version;
  });
  followInCache(store, schoolId, version, { kind: "drop", studentId });
  return version;
}

/**
 * The student changes this process wrote that lead the school's problem from version `from` to
 * `to`, in order; undefined when it did not write every one of them (see studentChangesBetween).
 */
export function studentChangesSince(
  store: Store,
  schoolId: string,
  from: number,
  to: number,
): StudentRowsChange[] | undefined {
  return studentChangesBetween(store.cache, schoolId, from, to);
}
