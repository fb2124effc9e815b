/**
 * A run's roster read for `mse export` on SQLite: as readRunRoster reads it, but a full run's
 * enrollments come as a few strings, split here. A district school's ~3,700 enrollments as rows
 * were ~7,400 strings and 3,700 arrays made by the driver one by one; two strings and a split cost
 * half the CPU (300 district schools, 1.14 million seats, busy machine: 0.76 s against 0.36 s).
 * One statement a school, not readEnrollments' pages: the export reads on its pool threads, each
 * with its own connection, where holding the thread through a school's read keeps no request
 * waiting.
 */
import type { Enrollment, SchoolRoster } from "../domain/roster.ts";
import { readOwnEnrollments, readRunRoster } from "./read-run-roster.ts";
import { queryArrays, toNumber } from "./sql.ts";
import type { Queryable, Store } from "./store.ts";

/** Between two IDs of a joined column: a control character that IDs do not hold (one that does is caught by the counts). */
const SEPARATOR = "\u001f";

/** Between two students' joined sections. */
const STUDENT_SEPARATOR = "\u001e";

/**
 * A full run's own enrollments ordered by student then section, as readOwnEnrollments gives
 * them, read joined: each student's ID once (shared by the student's seats) and their sections
 * joined, students apart; read as rows if an ID holds a separator (the pieces then do not match
 * the counts). Grouped by student, the district's 3.9 million seats make a quarter as many
 * student ID strings that live until the school is written: 400 schools' rosters, 0.50-0.57 s
 * of CPU against 0.67-1.0 joined seat by seat (load 5). Grouped straight on the table, whose
 * primary key (run_id, student_id, section_id; WITHOUT ROWID) is already the order wanted: the
 * groups and each group's sections come in the key's order, with no sort. An ORDER BY inside
 * group_concat sorted every school again in a temporary B-tree, slower than rows; so did a GROUP
 * BY over an ordered subquery (the district's rosters: 0.91-0.97 s of SQLite's CPU against 0.72-0.75).
 */
async function readJoinedEnrollments(db: Queryable, runId: number): Promise<Enrollment[]> {
  const [[groups, seats, students, sections]] = (await queryArrays(
    db,
    `SELECT count(*), sum(seats), group_concat(student_id, $2), group_concat(sections, $3)
     FROM (SELECT student_id, count(*) AS seats, group_concat(section_id, $2) AS sections
           FROM assignment WHERE run_id = $1 GROUP BY student_id)`,
    runId,
    SEPARATOR,
    STUDENT_SEPARATOR,
  )) as [[unknown, unknown, string | null, string | null]];
  const enrollments = splitEnrollments(toNumber(groups), toNumber(seats ?? 0), students ?? "", sections ?? "");
  return enrollments ?? readOwnEnrollments(db, runId);
}

/**
 * The enrollments of `groups` students holding `seats` seats, from their IDs joined and each
 * one's sections joined; undefined when the pieces do not match the counts (an ID held a separator).
 */
function splitEnrollments(groups: number, seats: number, students: string, sections: string): Enrollment[] | undefined {
  if (groups === 0) return [];
  const studentIds = students.split(SEPARATOR);
  if (studentIds.length !== groups) return undefined;
  const enrollments = new Array<Enrollment>(seats);
  let seat = 0;
  let at = 0;
  for (let g = 0; g < groups; g++) {
    const studentId = studentIds[g]!;
    // The last student's sections run to the end: a separator left there came from an ID.
    let end = sections.indexOf(STUDENT_SEPARATOR, at);
    if (end < 0 !== (g === groups - 1)) return undefined;
    if (end < 0) end = sections.length;
    for (;;) {
      let cut = sections.indexOf(SEPARATOR, at);
      if (cut < 0 || cut > end) cut = end;
      if (seat === seats) return undefined;
      enrollments[seat++] = { studentId, sectionId: sections.slice(at, cut) };
      at = cut + 1;
      if (cut === end) break;
    }
  }
  return seat === seats && at === sections.length + 1 ? enrollments : undefined;
}

/** readRunRoster(store, runId, { once: true }), a full run's enrollments read joined on SQLite (see the file's comment). */
export function readExportRoster(store: Store, runId: number): Promise<SchoolRoster> {
  return readRunRoster(store, runId, { once: true }, store.kind === "sqlite" ? readJoinedEnrollments : undefined);
}
