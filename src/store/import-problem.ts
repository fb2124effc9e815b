/**
 * Imports a problem into the store, all or nothing: in one transaction, each school of the
 * problem is created or has its whole problem replaced (its runs and published rosters stay;
 * a run made from an older import can no longer be published). A crash mid-import leaves the
 * store as it was before. A student ID that two schools would have (two of the import, or one
 * of it and one already in the store) is refused: StudentInOtherSchoolError, nothing written.
 */
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import { insertRows } from "./bulk-insert.ts";
import { PROBLEM_TABLES, type ProblemTable } from "./problem-tables.ts";
import { execute, queryRows, takeWriteLock, toNumber } from "./sql.ts";
import type { Store, StoreTx } from "./store.ts";
import { StudentInOtherSchoolError } from "./store-errors.ts";
import { lockAllStudentIds, refuseForeignStudents, studentClaims } from "./student-identity.ts";
import { turnClock } from "./event-loop-turns.ts";
import { groupBySchoolInTurns } from "./group-schools-in-turns.ts";
import { increasingIdRange, rangesApart } from "./student-id-ranges.ts";

export interface ImportSummary {
  schools: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  /** Each school's problem version after the import. */
  versions: Record<string, number>;
  /** Milliseconds spent per step (schools, then each table). */
  timings: Record<string, number>;
}

/** Creates or replaces the school rows in bulk; returns each school's new problem version. */
async function upsertSchools(tx: StoreTx, store: Store, schools: SchoolProblem[]): Promise<Record<string, number>> {
  const [last] = await queryRows<{ max: unknown }>(tx, `SELECT MAX(position) AS max FROM school`);
  const next = last?.max === null || last?.max === undefined ? 0 : toNumber(last.max) + 1;
  const importedAt = store.dialect.timestamp(new Date());
  await insertRows(
    tx,
    store,
    "school",
    [
      { name: "id", type: "text" },
      { name: "name", type: "text" },
      { name: "kind", type: "text" },
      { name: "grade_low", type: "integer" },
      { name: "grade_high", type: "integer" },
      { name: "periods", type: "integer" },
      { name: "position", type: "integer" },
      { name: "lunch_periods", type: "text" },
      { name: "next_request_position", type: "integer" },
    ],
    schools.map(({ school: s, requests }, i) => [
      s.schoolId,
      s.name,
      s.kind,
      s.gradeLow,
      s.gradeHigh,
      s.periods,
      next + i,
      s.lunchPeriods && s.lunchPeriods.length > 0 ? JSON.stringify(s.lunchPeriods) : null,
      requests.length,
    ]),
    {
      constants: [
        { name: "problem_version", type: "integer", value: 1 },
        { name: "imported_at", type: "timestamp(3)", value: importedAt },
      ],
      // A school already in the store keeps its place and gets the next problem version.
      onConflict: `ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, grade_low = excluded.grade_low,
        grade_high = excluded.grade_high, periods = excluded.periods, lunch_periods = excluded.lunch_periods, imported_at = excluded.imported_at,
        next_request_position = excluded.next_request_position,
        problem_version = school.problem_version + 1`,
    },
  );
  const versions = await queryRows<{ id: string; problem_version: unknown }>(
    tx,
    `SELECT id, problem_version FROM school WHERE id IN (${store.dialect.idList(1)})`,
    JSON.stringify(schools.map((s) => s.school.schoolId)),
  );
  return Object.fromEntries(versions.map((v) => [v.id, toNumber(v.problem_version)]));
}

/** One table's rows for every school, each school's rows numbered from 0 in input order. */
function* tableRows<T>(spec: ProblemTable<T>, schools: SchoolProblem[]): Generator<unknown[]> {
  for (const school of schools) {
    let position = 0;
    for (const item of spec.rowsOf(school)) yield [school.school.schoolId, position++, ...spec.toRow(item)];
  }
}

/** Writes one table's rows for every school; returns how many. */
function writeTable<T>(tx: StoreTx, store: Store, spec: ProblemTable<T>, schools: SchoolProblem[]): Promise<number> {
  const columns = [
    { name: "school_id", type: "text" as const },
    { name: "position", type: "integer" as const },
    ...spec.columns,
  ];
  return insertRows(tx, store, spec.table, columns, tableRows(spec, schools));
}

/** Milliseconds of checking between two turns of the event loop (a server imports on its thread). */
const CHECK_MS_PER_TURN = 15;

/**
 * IDs that two schools of the import both list, before anything is written, checked a school at a time
 * with a turn of the event loop every ~15 ms: the district's 683,000 students took 0.5-0.7 s. None
 * when each school's IDs increase and the schools' ranges are apart (student-id-ranges.ts), found
 * without looking each ID up.
 */
async function claimsAcrossSchools(schools: readonly SchoolProblem[]) {
  const clock = turnClock(CHECK_MS_PER_TURN);
  const ranges: [string, string][] = [];
  let increasing = true;
  for (const school of schools) {
    if (school.students.length === 0) continue;
    const range = increasingIdRange(school.students);
    if (range === undefined) {
      increasing = false;
      break;
    }
    ranges.push(range);
    if (clock.due()) await clock.turn();
  }
  if (increasing && rangesApart(ranges)) return [];
  const claims = studentClaims();
  for (const school of schools) {
    claims.add(school);
    if (clock.due()) await clock.turn();
  }
  return claims.found;
}

/** Imports (creating or replacing) every school of `problem` in one transaction. */
export async function importProblem(store: Store, problem: Problem): Promise<ImportSummary> {
  const schools = await groupBySchoolInTurns(problem);
  const within = await claimsAcrossSchools(schools);
  if (within.length > 0) throw new StudentInOtherSchoolError(within);
  const schoolIds = schools.map((s) => s.school.schoolId);
  const ids = JSON.stringify(schoolIds);
  // A bulk load (TransactionOptions): each row's school is a school row the transaction writes
  // first, and any error rolls the whole import back.
  return store.db.transaction(
    async (tx) => {
      let started = performance.now();
      const timings: Record<string, number> = {};
      const lap = (step: string) => {
        timings[step] = performance.now() - started;
        started = performance.now();
      };
      await takeWriteLock(tx, store);
      await lockAllStudentIds(tx, store);
      const versions = await upsertSchools(tx, store, schools);
      lap("school");
      const rows: Record<string, number> = {};
      for (const spec of PROBLEM_TABLES) {
        await execute(tx, `DELETE FROM "${spec.table}" WHERE school_id IN (${store.dialect.idList(1)})`, ids);
        rows[spec.table] = await writeTable(tx, store, spec as ProblemTable<unknown>, schools);
        lap(spec.table);
      }
      // An import of every school in the store leaves no student row that claimsAcrossSchools did
      // not check: the query over the whole student table (0.3-0.7 s on the district) is spared.
      const [held] = await queryRows<{ n: unknown }>(tx, `SELECT COUNT(*) AS n FROM school`);
      if (toNumber(held?.n) > schools.length) await refuseForeignStudents(tx, store, schoolIds);
      lap("unique student IDs");
      return { schools: schools.length, rows, versions, timings };
    },
    { bulkLoad: true },
  );
}
