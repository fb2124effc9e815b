/** What changed between two runs: enrollments added and removed, and sections moved. */
import type { Enrollment, SectionPlacement } from "../domain/roster.ts";
import { placementsRunId, readEnrollments } from "./read-run-roster.ts";
import { queryRows, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";
import { UnknownRunError } from "./store-errors.ts";

export interface RunDiff {
  from: number;
  to: number;
  /** In `to`, not in `from`. */
  added: Enrollment[];
  /** In `from`, not in `to`. */
  removed: Enrollment[];
  /** Sections whose period, teacher, co-teacher or room differ, as placed by `to`. */
  movedSections: SectionPlacement[];
}

type Row = { student_id: string; section_id: string };

async function enrollmentsOnlyIn(store: Store, runId: number, otherRunId: number): Promise<Enrollment[]> {
  const rows = await queryRows<Row>(
    store.db,
    `SELECT student_id, section_id FROM assignment WHERE run_id = $1
     EXCEPT SELECT student_id, section_id FROM assignment WHERE run_id = $2
     ORDER BY 1, 2`,
    runId,
    otherRunId,
  );
  return rows.map((r) => ({ studentId: String(r.student_id), sectionId: String(r.section_id) }));
}

async function movedSections(store: Store, fromRun: number, toRun: number): Promise<SectionPlacement[]> {
  const columns = `section_id, period, teacher_id, co_teacher_id, room_id`;
  // A delta run placed as its base has no section rows of its own.
  const [from, to] = await Promise.all([
    placementsRunId(store.db, store, fromRun),
    placementsRunId(store.db, store, toRun),
  ]);
  const rows = await queryRows<Record<string, unknown>>(
    store.db,
    `SELECT ${columns} FROM run_section WHERE run_id = $2
     EXCEPT SELECT ${columns} FROM run_section WHERE run_id = $1
     ORDER BY 1`,
    from,
    to,
  );
  return rows.map((r) => {
    const p: SectionPlacement = { sectionId: String(r.section_id) };
    if (r.period !== null) p.period = Number(r.period);
    if (r.teacher_id !== null) p.teacherId = String(r.teacher_id);
    if (r.co_teacher_id !== null) p.coTeacherId = String(r.co_teacher_id);
    if (r.room_id !== null) p.roomId = String(r.room_id);
    return p;
  });
}

const key = (e: Enrollment) => `${e.studentId}\u0000${e.sectionId}`;

/**
 * Enrollments added and removed when either run is a delta run: its rows alone are not its
 * roster, so both rosters are resolved and compared here. Both come sorted by the database,
 * and filtering keeps that order, the order the EXCEPT queries give.
 */
async function resolvedDifference(
  store: Store,
  from: number,
  to: number,
): Promise<[added: Enrollment[], removed: Enrollment[]]> {
  const [before, after] = await Promise.all([
    readEnrollments(store.db, store, from),
    readEnrollments(store.db, store, to),
  ]);
  const inBefore = new Set(before.map(key));
  const inAfter = new Set(after.map(key));
  return [after.filter((e) => !inBefore.has(key(e))), before.filter((e) => !inAfter.has(key(e)))];
}

/** The changes from run `from` to run `to` (typically the live run and a candidate). */
export async function diffRuns(store: Store, from: number, to: number): Promise<RunDiff> {
  const runs = await queryRows<{ id: unknown; base_run_id: unknown }>(
    store.db,
    `SELECT id, base_run_id FROM run WHERE id IN ($1, $2)`,
    from,
    to,
  );
  for (const id of [from, to]) if (!runs.some((r) => toNumber(r.id) === id)) throw new UnknownRunError(id);
  const anyDelta = runs.some((r) => r.base_run_id !== null);
  const [[added, removed], moved] = await Promise.all([
    anyDelta
      ? resolvedDifference(store, from, to)
      : Promise.all([enrollmentsOnlyIn(store, to, from), enrollmentsOnlyIn(store, from, to)]),
    movedSections(store, from, to),
  ]);
  return { from, to, added, removed, movedSections: moved };
}
