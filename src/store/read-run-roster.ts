/** Reads the roster a run wrote, in bulk: for a delta run, the whole roster its chain resolves to. */
import type { Enrollment, SchoolRoster, SectionPlacement, Unscheduled, UnscheduledReason } from "../domain/roster.ts";
import { readDeltaEnrollments } from "./run-chain.ts";
import { queryArrays, queryRows, toNumber } from "./sql.ts";
import type { Queryable, Store } from "./store.ts";
import { UnknownRunError } from "./store-errors.ts";
import { idPool } from "./store-cache.ts";
import { shareRosterIds } from "./share-ids.ts";
import { nextTurn } from "./event-loop-turns.ts";
import type { ReadOptions } from "./load-school-problem.ts";

/**
 * Rows of a full run's enrollments read per query: a district school's ~28,000 in one go held
 * the thread that answers requests (better-sqlite3 is synchronous) for tens of milliseconds;
 * between pages the event loop gets a turn. A page of 8,000 took 5-11 ms of CPU, one of 4,000
 * 2-3.5 ms, the whole roster the same ~15 ms either way (keyset pages, SQLite, 2026-12-06): the
 * smaller page leaves more room under issue #16's ~50 ms for the other work of the same turn.
 */
export const ENROLLMENT_PAGE_ROWS = 4_000;

/**
 * A full run's own rows, in the primary key's order (no sort), as arrays, a page at a time
 * from where the last page ended (a range of the key, not an OFFSET). One snapshot: inside a
 * transaction (readRunRoster), and a run's rows never change once its save has committed.
 */
/** Reads a full run's own enrollments, ordered by student then section (readOwnEnrollments, or the export's joined read). */
export type OwnEnrollmentsReader = (db: Queryable, runId: number) => Promise<Enrollment[]>;

export async function readOwnEnrollments(db: Queryable, runId: number): Promise<Enrollment[]> {
  const enrollments: Enrollment[] = [];
  const select = `SELECT student_id, section_id FROM assignment WHERE run_id = $1`;
  const order = `ORDER BY student_id, section_id LIMIT ${ENROLLMENT_PAGE_ROWS}`;
  let page = await queryArrays(db, `${select} ${order}`, runId);
  for (;;) {
    for (const row of page) enrollments.push({ studentId: String(row[0]), sectionId: String(row[1]) });
    if (page.length < ENROLLMENT_PAGE_ROWS) return enrollments;
    const last = page[page.length - 1]!;
    await nextTurn();
    page = await queryArrays(db, `${select} AND (student_id, section_id) > ($2, $3) ${order}`, runId, last[0], last[1]);
  }
}

/**
 * Enrollments of a run (resolved through its base runs if it is a delta run), ordered by student
 * then section; a full run's own rows read by `readOwn`.
 */
export async function readEnrollments(
  db: Queryable,
  store: Store,
  runId: number,
  readOwn: OwnEnrollmentsReader = readOwnEnrollments,
): Promise<Enrollment[]> {
  const [run] = await queryRows<{ base_run_id: unknown }>(db, `SELECT base_run_id FROM run WHERE id = $1`, runId);
  if (run && run.base_run_id !== null) return readDeltaEnrollments(db, store, runId);
  return readOwn(db, runId);
}

/** The run whose run_section rows hold `runId`'s placements: itself, or for a delta run that wrote none (placed as its base), its base's. */
export async function placementsRunId(db: Queryable, store: Store, runId: number): Promise<number> {
  const [inherited] = await queryRows<{ base_run_id: unknown }>(
    db,
    `SELECT r.base_run_id FROM run r WHERE r.id = $1 AND r.base_run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM run_section s WHERE s.run_id = r.id)`,
    runId,
  );
  return inherited ? placementsRunId(db, store, toNumber(inherited.base_run_id)) : runId;
}

async function readPlacements(db: Queryable, store: Store, of: number): Promise<SectionPlacement[]> {
  const runId = await placementsRunId(db, store, of);
  const rows = await queryArrays(
    db,
    `SELECT section_id, period, teacher_id, co_teacher_id, room_id FROM run_section WHERE run_id = $1 ORDER BY position`,
    runId,
  );
  // Loops, not map, here and below: once optimized, map's arrays are holey where the builtin's
  // were packed, and the export's optimized readers of a roster deoptimized on the new map.
  const placements: SectionPlacement[] = [];
  for (const [sectionId, period, teacherId, coTeacherId, roomId] of rows) {
    const placement: SectionPlacement = { sectionId: String(sectionId) };
    if (period !== null) placement.period = toNumber(period);
    if (teacherId !== null) placement.teacherId = String(teacherId);
    if (coTeacherId !== null) placement.coTeacherId = String(coTeacherId);
    if (roomId !== null) placement.roomId = String(roomId);
    placements.push(placement);
  }
  return placements;
}

async function readUnscheduled(db: Queryable, store: Store, runId: number): Promise<Unscheduled[]> {
  const rows = await queryArrays(
    db,
    `SELECT student_id, course_id, priority, reason FROM run_unscheduled WHERE run_id = $1 ORDER BY position`,
    runId,
  );
  const unscheduled: Unscheduled[] = [];
  for (const [studentId, courseId, priority, reason] of rows) {
    unscheduled.push({
      studentId: String(studentId),
      courseId: String(courseId),
      priority: toNumber(priority),
      reason: String(reason) as UnscheduledReason,
    });
  }
  return unscheduled;
}

/**
 * The roster written by run `runId` (placements, enrollments, unmet requests); `once`: its IDs
 * not pooled (see ReadOptions); `readOwn`: how a full run's own enrollments are read.
 */
export async function readRunRoster(
  store: Store,
  runId: number,
  options: ReadOptions = {},
  readOwn: OwnEnrollmentsReader = readOwnEnrollments,
): Promise<SchoolRoster> {
  const roster = await store.db.transaction(async (tx) => {
    const [run] = await queryRows<{ school_id: string }>(tx, `SELECT school_id FROM run WHERE id = $1`, runId);
    if (!run) throw new UnknownRunError(runId);
    const [sections, enrollments, unscheduled] = await Promise.all([
      readPlacements(tx, store, runId),
      readEnrollments(tx, store, runId, readOwn),
      readUnscheduled(tx, store, runId),
    ]);
    return { schoolId: run.school_id, sections, enrollments, unscheduled };
  });
  if (!options.once) shareRosterIds(roster, idPool(store.cache, roster.schoolId));
  return roster;
}
