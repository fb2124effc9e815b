/**
 * Writes a run's result: section placements, every enrollment, the unmet requests and the
 * metrics, all in one transaction that first proves the run still holds its school's lease.
 * Nothing of it is live yet (publishRun does that), and a process killed mid-write leaves no
 * row of it behind: the database rolls the open transaction back.
 */
import type { SchoolRoster } from "../domain/roster.ts";
import type { SchoolReport } from "../report/run-report.ts";
import type { RequestBounds } from "../../solver/solve-options.ts";
import { insertRows } from "./bulk-insert.ts";
import { takeWriteLock } from "./sql.ts";
import type { RunHandle } from "./start-run.ts";
import { LONG_TRANSACTION, type Store, type StoreTx } from "./store.ts";
import { LeaseLostError } from "./store-errors.ts";

export interface RunResult {
  roster: SchoolRoster;
  /** The school's line of report.json. */
  metrics?: SchoolReport;
  bounds?: RequestBounds;
  /** Milliseconds by phase. */
  timings?: Record<string, number>;
}

/** Extends the run's lease; throws LeaseLostError if another run has taken the school over. */
export async function renewLease(db: Store["db"] | StoreTx, handle: RunHandle): Promise<void> {
  const { count } = await db.runLease.updateMany({
    where: { schoolId: handle.schoolId, runId: handle.runId, holder: handle.holder },
    data: { expiresAt: new Date(Date.now() + handle.leaseMs) },
  });
  if (count === 0) throw new LeaseLostError(handle.runId);
}

/** Maps rows one chunk at a time instead of copying a run's millions of enrollments at once. */
function* lazily<T>(items: readonly T[], toRow: (item: T, index: number) => unknown[]): Generator<unknown[]> {
  for (let i = 0; i < items.length; i++) yield toRow(items[i]!, i);
}

export interface SaveOptions {
  /** Called after each chunk of enrollments is written (inside the transaction): for progress bars. */
  onEnrollmentsWritten?: (written: number, total: number) => void;
}

async function writeRosterRows(tx: StoreTx, store: Store, runId: number, roster: SchoolRoster, options: SaveOptions): Promise<void> {
  const run = [{ name: "run_id", type: "integer" as const, value: runId }];
  await insertRows(tx, store, "run_section",
    [{ name: "section_id", type: "text" }, { name: "position", type: "integer" }, { name: "period", type: "integer" },
      { name: "teacher_id", type: "text" }, { name: "co_teacher_id", type: "text" }, { name: "room_id", type: "text" }],
    lazily(roster.sections, (s, i) => [s.sectionId, i, s.period ?? null, s.teacherId ?? null, s.coTeacherId ?? null, s.roomId ?? null]),
    { constants: run });
  await insertRows(tx, store, "assignment",
    [{ name: "student_id", type: "text" }, { name: "section_id", type: "text" }],
    lazily(roster.enrollments, (e) => [e.studentId, e.sectionId]),
    { constants: run, onChunk: (written) => options.onEnrollmentsWritten?.(written, roster.enrollments.length) });
  await insertRows(tx, store, "run_unscheduled",
    [{ name: "position", type: "integer" }, { name: "student_id", type: "text" }, { name: "course_id", type: "text" },
      { name: "priority", type: "integer" }, { name: "reason", type: "text" }],
    lazily(roster.unscheduled, (u, i) => [i, u.studentId, u.courseId, u.priority, u.reason]),
    { constants: run });
}

/** Saves the result of a running run and marks it succeeded; throws LeaseLostError if it no longer owns the school. */
export async function saveRunResult(store: Store, handle: RunHandle, result: RunResult, options: SaveOptions = {}): Promise<void> {
  if (result.roster.schoolId !== handle.schoolId) {
    throw new Error(`run ${handle.runId} is for school ${handle.schoolId}, not ${result.roster.schoolId}`);
  }
  const started = performance.now();
  await store.db.$transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await renewLease(tx, handle);
    await writeRosterRows(tx, store, handle.runId, result.roster, options);
    const timings = { ...result.timings, save: performance.now() - started };
    const { count } = await tx.run.updateMany({
      where: { id: handle.runId, status: "running" },
      data: {
        status: "succeeded",
        finishedAt: new Date(),
        metrics: result.metrics ? JSON.stringify(result.metrics) : null,
        bounds: result.bounds ? JSON.stringify(result.bounds) : null,
        timings: JSON.stringify(timings),
      },
    });
    if (count === 0) throw new LeaseLostError(handle.runId);
  }, LONG_TRANSACTION);
}
