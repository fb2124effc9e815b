/**
 * Writes a run's result: section placements, every enrollment, the unmet requests and the
 * metrics, all in one transaction that first proves the run still holds its school's lease.
 * Nothing of it is live yet (publishRun does that), and a process killed mid-write leaves no
 * row of it behind: the database rolls the open transaction back.
 *
 * A run that changed few students (a late enrollment) may be saved as a delta of an earlier
 * run: only those students' enrollments are written (a school's whole roster is ~28,000 rows
 * and ~100 ms), and readers resolve the rest through the base (see run-chain.ts).
 */
import type { SchoolRoster } from "../domain/roster.ts";
import type { SchoolReport } from "../report/run-report.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";
import { insertRows } from "./bulk-insert.ts";
import { publishInTransaction, type PublishOutcome } from "./publish-run.ts";
import { deltaDepth, MAX_DELTA_DEPTH, runChain } from "./run-chain.ts";
import { execute, takeWriteLock, timestampValue } from "./sql.ts";
import type { RunHandle } from "./start-run.ts";
import type { Queryable, Store, StoreTx } from "./store.ts";
import { LeaseLostError } from "./store-errors.ts";
import { rememberSavedRoster } from "./store-cache.ts";

export interface RunResult {
  roster: SchoolRoster;
  /** The school's line of report.json. */
  metrics?: SchoolReport;
  bounds?: RequestBounds;
  /** Milliseconds by phase. */
  timings?: Record<string, number>;
  /**
   * Save as a delta of `baseRunId` (a succeeded run of the same school): `roster` is still the
   * complete roster, but only the enrollments of `students` are written, and the run reads
   * back as `roster` through its base. `students` must name every student whose seats differ
   * from the base's (new, dropped or moved). Ignored (a full write) once the base's chain
   * holds MAX_DELTA_DEPTH delta runs. With `sameSections`, the caller vouches that every
   * section is placed as in the base: no section rows are written, they are read through the base.
   */
  delta?: { baseRunId: number; students: readonly string[]; sameSections?: boolean };
}

/** Extends the run's lease; throws LeaseLostError if another run has taken the school over. */
export async function renewLease(db: Queryable, store: Store, handle: RunHandle): Promise<void> {
  const changed = await execute(
    db,
    `UPDATE run_lease SET expires_at = $1 WHERE school_id = $2 AND run_id = $3 AND holder = $4`,
    timestampValue(store, new Date(Date.now() + handle.leaseMs)),
    handle.schoolId,
    handle.runId,
    handle.holder,
  );
  if (changed === 0) throw new LeaseLostError(handle.runId);
}

/** Maps rows one chunk at a time instead of copying a run's millions of enrollments at once. */
function* lazily<T>(items: readonly T[], toRow: (item: T, index: number) => unknown[]): Generator<unknown[]> {
  for (let i = 0; i < items.length; i++) yield toRow(items[i]!, i);
}

export interface SaveOptions {
  /** Also publish the run, in the same transaction (what runSchool does): one commit instead of two. */
  publish?: boolean;
  /** Called after each chunk of enrollments is written (inside the transaction): for progress bars. */
  onEnrollmentsWritten?: (written: number, total: number) => void;
}

/** Which students a delta run rewrites, on top of which run; undefined for a full write. */
interface DeltaWrite {
  baseRunId: number;
  students: Set<string>;
  sameSections: boolean;
}

/**
 * Checks the base of a delta and decides how to write: as a delta, or in full when the base's
 * chain is already MAX_DELTA_DEPTH deltas deep (so that reads stay bounded).
 */
async function planDelta(
  tx: StoreTx,
  store: Store,
  handle: RunHandle,
  delta: NonNullable<RunResult["delta"]>,
): Promise<DeltaWrite | undefined> {
  const chain = await runChain(tx, store, delta.baseRunId);
  const base = chain[0];
  if (!base)
    throw new Error(`run ${handle.runId} cannot be saved as a delta of run ${delta.baseRunId}: there is no such run`);
  if (base.schoolId !== handle.schoolId) {
    throw new Error(
      `run ${handle.runId} of school ${handle.schoolId} cannot be saved as a delta of run ${base.runId}, which is of school ${base.schoolId}`,
    );
  }
  if (base.status !== "succeeded") {
    throw new Error(
      `run ${handle.runId} cannot be saved as a delta of run ${base.runId}: its status is ${base.status}, not succeeded`,
    );
  }
  if (deltaDepth(chain) >= MAX_DELTA_DEPTH) return undefined;
  return { baseRunId: base.runId, students: new Set(delta.students), sameSections: delta.sameSections === true };
}

async function writeRosterRows(
  tx: StoreTx,
  store: Store,
  runId: number,
  roster: SchoolRoster,
  delta: DeltaWrite | undefined,
  options: SaveOptions,
): Promise<void> {
  const run = [{ name: "run_id", type: "integer" as const, value: runId }];
  // A delta run with no section rows reads its base's placements (readPlacements).
  if (!delta?.sameSections)
    await insertRows(
      tx,
      store,
      "run_section",
      [
        { name: "section_id", type: "text" },
        { name: "position", type: "integer" },
        { name: "period", type: "integer" },
        { name: "teacher_id", type: "text" },
        { name: "co_teacher_id", type: "text" },
        { name: "room_id", type: "text" },
      ],
      lazily(roster.sections, (s, i) => [
        s.sectionId,
        i,
        s.period ?? null,
        s.teacherId ?? null,
        s.coTeacherId ?? null,
        s.roomId ?? null,
      ]),
      { constants: run },
    );
  const enrollments = delta ? roster.enrollments.filter((e) => delta.students.has(e.studentId)) : roster.enrollments;
  await insertRows(
    tx,
    store,
    "assignment",
    [
      { name: "student_id", type: "text" },
      { name: "section_id", type: "text" },
    ],
    lazily(enrollments, (e) => [e.studentId, e.sectionId]),
    { constants: run, onChunk: (written) => options.onEnrollmentsWritten?.(written, enrollments.length) },
  );
  if (delta) {
    await insertRows(
      tx,
      store,
      "delta_student",
      [{ name: "student_id", type: "text" }],
      [...delta.students].map((id) => [id]),
      { constants: run },
    );
  }
  await insertRows(
    tx,
    store,
    "run_unscheduled",
    [
      { name: "position", type: "integer" },
      { name: "student_id", type: "text" },
      { name: "course_id", type: "text" },
      { name: "priority", type: "integer" },
      { name: "reason", type: "text" },
    ],
    lazily(roster.unscheduled, (u, i) => [i, u.studentId, u.courseId, u.priority, u.reason]),
    { constants: run },
  );
}

/**
 * Saves the result of a running run and marks it succeeded (and publishes it if asked);
 * throws LeaseLostError if the run no longer owns its school.
 */
export async function saveRunResult(
  store: Store,
  handle: RunHandle,
  result: RunResult,
  options: SaveOptions = {},
): Promise<PublishOutcome | undefined> {
  if (result.roster.schoolId !== handle.schoolId) {
    throw new Error(`run ${handle.runId} is for school ${handle.schoolId}, not ${result.roster.schoolId}`);
  }
  const started = performance.now();
  const published = await store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await renewLease(tx, store, handle);
    const delta = result.delta ? await planDelta(tx, store, handle, result.delta) : undefined;
    await writeRosterRows(tx, store, handle.runId, result.roster, delta, options);
    const timings = { ...result.timings, save: performance.now() - started };
    const changed = await execute(
      tx,
      `UPDATE run SET status = 'succeeded', finished_at = $1, metrics = $2, bounds = $3, timings = $4, base_run_id = $5 WHERE id = $6 AND status = 'running'`,
      timestampValue(store, new Date()),
      result.metrics ? JSON.stringify(result.metrics) : null,
      result.bounds ? JSON.stringify(result.bounds) : null,
      JSON.stringify(timings),
      delta?.baseRunId ?? null,
      handle.runId,
    );
    if (changed === 0) throw new LeaseLostError(handle.runId);
    return options.publish ? publishInTransaction(tx, store, handle.runId, result.delta?.baseRunId) : undefined;
  });
  // Committed: the next incremental run in this process starts from this roster without reading
  // it. Only incremental runs: sorting every school's roster of a district run is not worth it.
  if (result.delta) rememberSavedRoster(store.cache, handle.runId, result.roster);
  return published;
}
