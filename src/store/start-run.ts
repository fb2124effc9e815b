/**
 * Starts a run of one school. At most one run per school is active: the run takes the
 * school's row in run_lease, whose primary key is the database-level guarantee (two starters
 * race on the insert and exactly one wins, on SQLite and PostgreSQL alike). A lease left by a
 * run whose process died is taken over once it expires, or at once when that process is
 * known to be gone; the dead run is marked abandoned.
 */
import { holderIsGone, newHolder } from "./run-holder.ts";
import { execute, takeWriteLock } from "./sql.ts";
import { LONG_TRANSACTION, type Store, type StoreTx } from "./store.ts";
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

type Attempt = { handle: RunHandle } | { conflict: RunInProgressError };

/** Frees the school's lease if its run is dead (expired, or its process gone); else returns the live lease's conflict. */
async function reclaimDeadLease(tx: StoreTx, schoolId: string, now: Date): Promise<RunInProgressError | undefined> {
  const lease = await tx.runLease.findUnique({ where: { schoolId } });
  if (!lease) return undefined;
  const expired = lease.expiresAt.getTime() <= now.getTime();
  const conflict = new RunInProgressError(schoolId, lease.runId, lease.holder, lease.expiresAt);
  if (!expired && !holderIsGone(lease.holder)) return conflict;
  // Conditional on the same run still holding it: of two reclaimers, only one deletes a row.
  const { count } = await tx.runLease.deleteMany({ where: { schoolId, runId: lease.runId } });
  if (count === 0) return conflict;
  await tx.run.updateMany({
    where: { id: lease.runId, status: "running" },
    data: { status: "abandoned", finishedAt: now, error: expired ? "lease expired" : `process ${lease.holder} is gone` },
  });
  return undefined;
}

async function attemptStart(store: Store, schoolId: string, parameters: RunParameters, options: StartRunOptions): Promise<Attempt> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = newHolder();
  try {
    return await store.db.$transaction(async (tx) => {
      await takeWriteLock(tx, store);
      // The school's row is the lock row: two starters of one school queue up here (PostgreSQL).
      const locked = await execute(tx, store, `UPDATE school SET problem_version = problem_version WHERE id = $1`, schoolId);
      if (locked === 0) throw new UnknownSchoolError(schoolId);
      const school = (await tx.school.findUnique({ where: { id: schoolId }, select: { problemVersion: true } }))!;
      const now = new Date();
      const conflict = await reclaimDeadLease(tx, schoolId, now);
      if (conflict) throw conflict;
      const run = await tx.run.create({
        data: {
          schoolId,
          status: "running",
          problemVersion: school.problemVersion,
          seed: parameters.seed,
          parameters: JSON.stringify(parameters),
          retryOf: options.retryOf ?? null,
          holder,
          startedAt: now,
        },
      });
      await tx.runLease.create({ data: { schoolId, runId: run.id, holder, expiresAt: new Date(now.getTime() + leaseMs) } });
      return { handle: { runId: run.id, schoolId, holder, problemVersion: school.problemVersion, leaseMs } };
    }, LONG_TRANSACTION);
  } catch (error) {
    if (error instanceof RunInProgressError) return { conflict: error };
    if (error instanceof UnknownSchoolError) throw error;
    // Lost the race on run_lease's primary key (or on SQLite's write lock): someone else started.
    const conflict = await conflictOf(store.db, schoolId);
    if (conflict) return { conflict };
    throw error;
  }
}

async function conflictOf(db: StoreTx, schoolId: string): Promise<RunInProgressError | undefined> {
  const lease = await db.runLease.findUnique({ where: { schoolId } });
  return lease ? new RunInProgressError(schoolId, lease.runId, lease.holder, lease.expiresAt) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a run of `schoolId`: records it as running and takes the school's lease. If another
 * run is active, waits up to `waitMs` for it, then throws RunInProgressError.
 */
export async function startRun(store: Store, schoolId: string, parameters: RunParameters, options: StartRunOptions = {}): Promise<RunHandle> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const attempt = await attemptStart(store, schoolId, parameters, options);
    if ("handle" in attempt) return attempt.handle;
    if (Date.now() >= deadline) throw attempt.conflict;
    await sleep(Math.min(500, Math.max(10, deadline - Date.now())));
  }
}
