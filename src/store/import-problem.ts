/**
 * Imports a problem into the store, all or nothing: in one transaction, each school of the
 * problem is created or has its whole problem replaced (its runs and published rosters stay;
 * a run made from an older import can no longer be published). A crash mid-import leaves the
 * store as it was before.
 */
import { groupBySchool } from "../domain/group-by-school.ts";
import type { Problem, SchoolProblem } from "../domain/problem.ts";
import { insertRows } from "./bulk-insert.ts";
import { PROBLEM_TABLES, type ProblemTable } from "./problem-tables.ts";
import { execute, queryRows, toNumber } from "./sql.ts";
import { LONG_TRANSACTION, type Store, type StoreTx } from "./store.ts";

export interface ImportSummary {
  schools: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  /** Each school's problem version after the import. */
  versions: Record<string, number>;
}

/** Creates or replaces the school rows; returns each school's new problem version. */
async function upsertSchools(tx: StoreTx, store: Store, schools: SchoolProblem[]): Promise<Record<string, number>> {
  const [last] = await queryRows<{ max: unknown }>(tx, store, `SELECT MAX(position) AS max FROM school`);
  let position = last?.max === null || last?.max === undefined ? 0 : toNumber(last.max) + 1;
  const versions: Record<string, number> = {};
  const importedAt = new Date();
  for (const { school } of schools) {
    const data = {
      name: school.name,
      kind: school.kind,
      gradeLow: school.gradeLow,
      gradeHigh: school.gradeHigh,
      periods: school.periods,
      importedAt,
    };
    const row = await tx.school.upsert({
      where: { id: school.schoolId },
      create: { id: school.schoolId, ...data, position: position++, problemVersion: 1 },
      update: { ...data, problemVersion: { increment: 1 } },
      select: { problemVersion: true },
    });
    versions[school.schoolId] = row.problemVersion;
  }
  return versions;
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
  const columns = [{ name: "school_id", type: "text" as const }, { name: "position", type: "integer" as const }, ...spec.columns];
  return insertRows(tx, store, spec.table, columns, tableRows(spec, schools));
}

/** Imports (creating or replacing) every school of `problem` in one transaction. */
export async function importProblem(store: Store, problem: Problem): Promise<ImportSummary> {
  const schools = groupBySchool(problem);
  const ids = JSON.stringify(schools.map((s) => s.school.schoolId));
  const inList = store.kind === "sqlite" ? `SELECT value FROM json_each($1)` : `SELECT json_array_elements_text($1::json)`;
  return store.db.$transaction(async (tx) => {
    const versions = await upsertSchools(tx, store, schools);
    const rows: Record<string, number> = {};
    for (const spec of PROBLEM_TABLES) {
      await execute(tx, store, `DELETE FROM "${spec.table}" WHERE school_id IN (${inList})`, ids);
      rows[spec.table] = await writeTable(tx, store, spec as ProblemTable<unknown>, schools);
    }
    return { schools: schools.length, rows, versions };
  }, LONG_TRANSACTION);
}
