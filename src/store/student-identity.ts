/**
 * One student is one student: a student ID belongs to at most one school of the district.
 * Every write that brings students into the store (an import, an upload, an enrollment) checks
 * it inside its own transaction, after writing and before committing, so a refusal leaves the
 * store as it was. Writers of student rows take turns first: on SQLite the store's write lock
 * does it; on PostgreSQL an import takes an advisory lock on all student IDs and an enrollment
 * shares it and locks just its own IDs, so that two schools enrolling one new ID at the same
 * moment cannot both see it free.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import { nextTurn } from "./event-loop-turns.ts";
import { queryRows } from "./sql.ts";
import type { Store, StoreTx } from "./store.ts";
import { StudentInOtherSchoolError, type StudentIdClaim } from "./store-errors.ts";

/** At most this many conflicting IDs are read and named. */
export const STUDENT_CLAIMS_LISTED = 100;

/** Makes the transaction the only writer of student IDs until it ends (an import). */
export async function lockAllStudentIds(tx: StoreTx, store: Store): Promise<void> {
  await store.dialect.lockStudentIds(tx, "all");
}

/** Makes the transaction the only writer of these student IDs until it ends (an enrollment). */
export async function lockStudentIds(tx: StoreTx, store: Store, studentIds: readonly string[]): Promise<void> {
  await store.dialect.lockStudentIds(tx, studentIds);
}

/**
 * The IDs that two of the schools added so far both list (the first STUDENT_CLAIMS_LISTED),
 * for schools met one at a time and not kept: only each ID's school is.
 */
export function studentClaims(): {
  add: (school: SchoolProblem) => void;
  /** add, given just the school's ID and its students' IDs (what an export's thread sends back). */
  addIds: (schoolId: string, studentIds: Iterable<string>) => void;
  /** The school that first listed a student ID, of the schools added so far. */
  schoolOf: (studentId: string) => string | undefined;
  found: StudentIdClaim[];
} {
  const owner = new Map<string, string>();
  const found: StudentIdClaim[] = [];
  const addIds = (schoolId: string, studentIds: Iterable<string>) => {
    for (const studentId of studentIds) {
      const other = owner.get(studentId);
      if (other === undefined) owner.set(studentId, schoolId);
      else if (other !== schoolId && found.length < STUDENT_CLAIMS_LISTED)
        found.push({ studentId, schoolId, otherSchoolId: other });
    }
  };
  return {
    found,
    addIds,
    schoolOf: (studentId) => owner.get(studentId),
    add({ school, students }) {
      addIds(
        school.schoolId,
        students.map((student) => student.studentId),
      );
    },
  };
}

/**
 * Students of `schoolIds` (only `studentIds` of them, when given) whose ID another school has
 * too, as written so far in the transaction.
 */
async function claimsAgainstOthers(
  tx: StoreTx,
  store: Store,
  schoolIds: readonly string[],
  studentIds?: readonly string[],
): Promise<StudentIdClaim[]> {
  const list = store.dialect.idList;
  const rows = await queryRows<{ student_id: string; school_id: string; other_school_id: string }>(
    tx,
    `SELECT s.student_id, s.school_id, o.school_id AS other_school_id
     FROM student s JOIN student o ON o.student_id = s.student_id AND o.school_id <> s.school_id
     WHERE s.school_id IN (${list(1)})${studentIds ? ` AND s.student_id IN (${list(2)})` : ""}
     ORDER BY s.school_id, s.position LIMIT ${STUDENT_CLAIMS_LISTED}`,
    JSON.stringify(schoolIds),
    ...(studentIds ? [JSON.stringify(studentIds)] : []),
  );
  return rows.map((r) => ({ studentId: r.student_id, schoolId: r.school_id, otherSchoolId: r.other_school_id }));
}

/**
 * Schools checked by one statement of an import's check. SQLite runs a statement on the thread
 * that called it: the district's 1,050 schools in one took 2.4 s of that thread on a busy
 * machine (~2 ms a school quiet); a few at a time, with a turn of the loop between, the same
 * rows in the same order.
 */
export const SCHOOLS_PER_CHECK = 8;

/**
 * Throws StudentInOtherSchoolError (rolling the transaction back) if a student just written
 * to one of `schoolIds` (only `studentIds`, when given) has an ID another school has too.
 */
export async function refuseForeignStudents(
  tx: StoreTx,
  store: Store,
  schoolIds: readonly string[],
  studentIds?: readonly string[],
): Promise<void> {
  // In the order of the one statement's ORDER BY (school ID, then position), a few schools at a time.
  const sorted = [...schoolIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const claims: StudentIdClaim[] = [];
  for (let i = 0; i < sorted.length && claims.length < STUDENT_CLAIMS_LISTED; i += SCHOOLS_PER_CHECK) {
    if (i > 0) await nextTurn();
    const some = await claimsAgainstOthers(tx, store, sorted.slice(i, i + SCHOOLS_PER_CHECK), studentIds);
    claims.push(...some.slice(0, STUDENT_CLAIMS_LISTED - claims.length));
  }
  if (claims.length > 0) throw new StudentInOtherSchoolError(claims);
}
