/**
 * Starts a run of one school. At most one run per school is active: the run takes the
 * school's row in run_lease, whose primary key is the database-level guarantee. Starters of
 * one school also queue on a lock first (SQLite's write lock, PostgreSQL's lock on the school
 * row), so the loser sees the winner's lease and is refused with a clear message. A lease
 * left by a run whose process died is taken over once it expires, or at once when that
 * process is known to be gone; the dead run is marked abandoned.
 */
import { holderIsGone, newHolder } from "./run-holder.ts";
import { execute, queryRows, takeWriteLock, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store, StoreTx } from "./store.ts";
import { RunInProgressError, UnknownSchoolError } from "./store-errors.ts";

/** What a run was asked to do; stored with it so that it can be repeated. */
export interface RunParameters {
  seed: number;
  [option: string]: unknown;
}

export interface StartRunOptions {
  /** How long the lease lasts before another run may take it over (default 15 min). Renewed at each step. */
  leaseMs?: number;
  /** Wait up to this long for an active run to finish instead of refusing at once (default 0). */
  waitMs?: number;
  /** The run this one repeats, if any (kept as history). */
  retryOf?: number;
}

/** A started run: what the later steps need to prove they still own it. */
export interface RunHandle {
  runId: number;
  schoolId: string;
  holder: string;
  problemVersion: number;
  leaseMs: number;
}

export const DEFAULT_LEASE_MS = 15 * 60_000;

/**
 * Locks the school's row, which is the lock row of its runs: two starters (or reclaimers) of
 * one school queue up here on PostgreSQL. Returns its problem version; throws UnknownSchoolError.
 */
export async function lockSchoolRow(tx: StoreTx, store: Store, schoolId: string): Promise<number> {
  const [school] = await queryRows<{ problem_version: unknown }>(
    tx,
    `UPDATE school SET problem_version = problem_version WHERE id = $1 RETURNING problem_version`,
    schoolId,
  );
  if (!school) throw new UnknownSchoolError(schoolId);
  return toNumber(school.problem_version);
}

type Attempt = { handle: RunHandle } | { conflict: RunInProgressError };

/** Frees the school's lease if its run is dead (expired, or its process gone); else returns the live lease's conflict. */
export async function reclaimDeadLease(
  tx: StoreTx,
  store: Store,
  schoolId: string,
  now: Date,
): Promise<RunInProgressError | undefined> {
  const [lease] = await queryRows<{ run_id: unknown; holder: string; expires_at: unknown }>(
    tx,
    `SELECT run_id, holder, expires_at FROM run_lease WHERE school_id = $1`,
    schoolId,
  );
  if (!lease) return undefined;
  const runId = toNumber(lease.run_id);
  const expiresAt = toDate(lease.expires_at);
  const conflict = new RunInProgressError(schoolId, runId, lease.holder, expiresAt);
  const expired = expiresAt.getTime() <= now.getTime();
  if (!expired && !holderIsGone(lease.holder)) return conflict;
  // Conditional on the same run still holding it: of two reclaimers, only one deletes a row.
  if ((await execute(tx, `DELETE FROM run_lease WHERE school_id = $1 AND run_id = $2`, schoolId, runId)) === 0)
    return conflict;
  await execute(
    tx,
    `UPDATE run SET status = 'abandoned', finished_at = $1, error = $2 WHERE id = $3 AND status = 'running'`,
    timestampValue(store, now),
    expired ? "lease expired" : `process ${lease.holder} is gone`,
    runId,
  );
  return undefined;
}

interface NewRun {
  schoolId: string;
  problemVersion: number;
  parameters: RunParameters;
  retryOf: number | undefined;
  holder: string;
  startedAt: Date;
  expiresAt: Date;
}

/**
 * Records the run as running and gives it the school's lease; returns its ID. On PostgreSQL as
 * one statement, one round trip (as publish-run.ts's flipLiveRoster, which says why).
 */
async function insertRunAndLease(tx: StoreTx, store: Store, run: NewRun): Promise<number> {
  const insertRun = `INSERT INTO run (school_id, status, problem_version, seed, parameters, retry_of, holder, started_at)
     VALUES ($1, 'running', $2, $3, $4, $5, $6, $7) RETURNING id`;
  const args = [
    run.schoolId,
    run.problemVersion,
    run.parameters.seed,
    JSON.stringify(run.parameters),
    run.retryOf ?? null,
    run.holder,
    timestampValue(store, run.startedAt),
    timestampValue(store, run.expiresAt),
  ];
  if (store.kind === "postgresql") {
    const [lease] = await queryRows<{ run_id: unknown }>(
      tx,
      `WITH started AS (${insertRun})
       INSERT INTO run_lease (school_id, run_id, holder, expires_at)
       SELECT $1::text, id, $6::text, $8::timestamp(3) FROM started RETURNING run_id`,
      ...args,
    );
    return toNumber(lease!.run_id);
  }
  const [started] = await queryRows<{ id: unknown }>(tx, insertRun, ...args);
  const runId = toNumber(started!.id);
  await execute(
    tx,
    `INSERT INTO run_lease (school_id, run_id, holder, expires_at) VALUES ($1, $9, $6, $8)`,
    ...args,
    runId,
  );
  return runId;
}

async function attemptStart(
  store: Store,
  schoolId: string,
  parameters: RunParameters,
  options: StartRunOptions,
): Promise<Attempt> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = newHolder();
  try {
    return await store.db.transaction(async (tx) => {
      await takeWriteLock(tx, store);
      const problemVersion = await lockSchoolRow(tx, store, schoolId);
      const now = new Date();
      const conflict = await reclaimDeadLease(tx, store, schoolId, now);
      if (conflict) throw conflict;
      const runId = await insertRunAndLease(tx, store, {
        schoolId,
        problemVersion,
        parameters,
        retryOf: options.retryOf,
        holder,
        startedAt: now,
        expiresAt: new Date(now.getTime() + leaseMs),
      });
      return { handle: { runId, schoolId, holder, problemVersion, leaseMs } };
    });
  } catch (error) {
    if (error instanceof RunInProgressError) return { conflict: error };
    if (error instanceof UnknownSchoolError) throw error;
    // Lost a race on run_lease's primary key after all: someone else started.
    const conflict = await conflictOf(store, schoolId);
    if (conflict) return { conflict };
    throw error;
  }
}

async function conflictOf(store: Store, schoolId: string): Promise<RunInProgressError | undefined> {
  const [lease] = await queryRows<{ run_id: unknown; holder: string; expires_at: unknown }>(
    store.db,
    `SELECT run_id, holder, expires_at FROM run_lease WHERE school_id = $1`,
    schoolId,
  );
  return lease
    ? new RunInProgressError(schoolId, toNumber(lease.run_id), lease.holder, toDate(lease.expires_at))
    : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a run of `schoolId`: records it as running and takes the school's lease. If another
 * run is active, waits up to `waitMs` for it, then throws RunInProgressError.
 */
export async function startRun(
  store: Store,
  schoolId: string,
  parameters: RunParameters,
  options: StartRunOptions = {},
): Promise<RunHandle> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const attempt = await attemptStart(store, schoolId, parameters, options);
    if ("handle" in attempt) return attempt.handle;
    if (Date.now() >= deadline) throw attempt.conflict;
    await sleep(Math.min(500, Math.max(10, deadline - Date.now())));
  }
}
