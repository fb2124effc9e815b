/**
 * A run's roster read for `mse export` on SQLite: as readRunRoster reads it, but a full run's
 * enrollments come as two strings, every student ID joined and every section ID joined, split
 * here. A district school's ~3,700 enrollments as rows were ~7,400 strings and 3,700 arrays
 * made by the driver one by one; two strings and a split cost half the CPU (300 district
 * schools, 1.14 million seats, busy machine: 0.76 s against 0.36 s). One statement a school, not
 * readEnrollments' pages: the export reads on its pool threads, each with its own connection,
 * where holding the thread through a school's read keeps no request waiting.
 */
import type { Enrollment, SchoolRoster } from "../domain/roster.ts";
import { readOwnEnrollments, readRunRoster } from "./read-run-roster.ts";
import { queryArrays, toNumber } from "./sql.ts";
import type { Queryable, Store } from "./store.ts";

/** Between two IDs of a joined column: a control character that IDs do not hold (one that does is caught by the count). */
const SEPARATOR = "\u001f";

/**
 * A full run's own enrollments ordered by student then section, as readOwnEnrollments gives
 * them, read joined; read as rows if an ID holds the separator (the pieces then outnumber the
 * rows). The ordered subquery is the table's own order (its primary key, WITHOUT ROWID): an
 * ORDER BY inside group_concat sorted every school again in a temporary B-tree, slower than rows.
 */
async function readJoinedEnrollments(db: Queryable, runId: number): Promise<Enrollment[]> {
  const [[count, students, sections]] = (await queryArrays(
    db,
    `SELECT count(*), group_concat(student_id, $2), group_concat(section_id, $2)
     FROM (SELECT student_id, section_id FROM assignment WHERE run_id = $1 ORDER BY student_id, section_id)`,
    runId,
    SEPARATOR,
  )) as [[unknown, string | null, string | null]];
  const rows = toNumber(count);
  if (rows === 0) return [];
  const studentIds = students!.split(SEPARATOR);
  const sectionIds = sections!.split(SEPARATOR);
  if (studentIds.length !== rows || sectionIds.length !== rows) return readOwnEnrollments(db, runId);
  const enrollments = new Array<Enrollment>(rows);
  for (let i = 0; i < rows; i++) enrollments[i] = { studentId: studentIds[i]!, sectionId: sectionIds[i]! };
  return enrollments;
}

/** readRunRoster(store, runId, { once: true }), a full run's enrollments read joined on SQLite (see the file's comment). */
export function readExportRoster(store: Store, runId: number): Promise<SchoolRoster> {
  return readRunRoster(store, runId, { once: true }, store.kind === "sqlite" ? readJoinedEnrollments : undefined);
}
