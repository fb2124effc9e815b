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
import { queryRows, toNumber } from "./sql.ts";
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
 * What the store said of its IDs across schools at one moment, while an export read its
 * schools: that no student ID is listed by two schools and none is also a teacher ID (across
 * every school), and the problem version of each school then. A school read, before or after,
 * at the same version has the same students and teachers (its version goes up with every change
 * to them), so the export need not look each of its students up: the store has done it, once for all.
 */
export interface StudentIdsVouched {
  /** Each school's problem version at that moment. */
  versions: Map<string, number>;
}

/**
 * The store's word on its IDs (see StudentIdsVouched); undefined when it cannot give it: a
 * student ID is listed by two schools, or is also a teacher ID (the export checks every student
 * then, and names them). On the district: 0.15 s of one statement's CPU (SQLite, scanning the
 * student_id index) where looking up each of the 683,132 IDs received from the export's threads
 * cost its main thread 1.0-1.5 s (a Map of them all, every ID hashed afresh).
 */
export async function vouchForStudentIds(store: Store): Promise<StudentIdsVouched | undefined> {
  // One statement, so that the versions are those of the IDs checked (a transaction of two would
  // see two moments on PostgreSQL, READ COMMITTED); its subqueries are run once.
  const rows = await queryRows<{ id: string; problem_version: unknown; clash: unknown }>(
    store.db,
    `SELECT id, problem_version,
       CASE WHEN EXISTS (SELECT 1 FROM student GROUP BY student_id HAVING COUNT(*) > 1)
         OR EXISTS (SELECT 1 FROM teacher t WHERE EXISTS (SELECT 1 FROM student s WHERE s.student_id = t.teacher_id))
       THEN 1 ELSE 0 END AS clash
     FROM school`,
  );
  if (rows.some((row) => toNumber(row.clash) !== 0)) return undefined;
  return { versions: new Map(rows.map((row) => [row.id, toNumber(row.problem_version)])) };
}

/**
 * The IDs that two of the schools added so far both list (the first STUDENT_CLAIMS_LISTED),
 * for schools met one at a time and not kept: only each ID's school is.
 *
 * With `vouched`, a school added at the version the store vouched for is kept as it came (its
 * IDs are not looked at: none can clash) until one is not; the schools kept are then looked at
 * in turn, as they would have been, and every school after.
 */
export function studentClaims(vouched?: StudentIdsVouched): {
  add: (school: SchoolProblem) => void;
  /** add, given just the school's ID and its students' IDs (what an export's thread sends back) and the version they were read at. */
  addIds: (schoolId: string, studentIds: readonly string[], problemVersion?: number) => void;
  /** The school that first listed a student ID, of the schools added so far; none while `distinct`. */
  schoolOf: (studentId: string) => string | undefined;
  /** True while every school added was as the store vouched: no student ID of them is another school's, nor a teacher's. */
  distinct: () => boolean;
  found: StudentIdClaim[];
} {
  const owner = new Map<string, string>();
  const found: StudentIdClaim[] = [];
  // Schools taken on the store's word, until one is not as it said. Their IDs are kept off the
  // heap, as the UTF-8 of their JSON: the district's 683,132 ID strings kept as they came were
  // 25 MB more for every full collection of the export's main thread to mark (30-40 of them).
  let trusted: { schoolId: string; studentIds: Buffer }[] | undefined = vouched ? [] : undefined;
  const record = (schoolId: string, studentIds: Iterable<string>) => {
    for (const studentId of studentIds) {
      const other = owner.get(studentId);
      if (other === undefined) owner.set(studentId, schoolId);
      else if (other !== schoolId && found.length < STUDENT_CLAIMS_LISTED)
        found.push({ studentId, schoolId, otherSchoolId: other });
    }
  };
  const addIds = (schoolId: string, studentIds: readonly string[], problemVersion?: number) => {
    if (trusted) {
      if (problemVersion !== undefined && vouched!.versions.get(schoolId) === problemVersion) {
        trusted.push({ schoolId, studentIds: Buffer.from(JSON.stringify(studentIds)) });
        return;
      }
      for (const school of trusted) record(school.schoolId, JSON.parse(school.studentIds.toString()) as string[]);
      trusted = undefined;
    }
    record(schoolId, studentIds);
  };
  return {
    found,
    addIds,
    schoolOf: (studentId) => owner.get(studentId),
    distinct: () => trusted !== undefined,
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
