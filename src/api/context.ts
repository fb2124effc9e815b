/** What every route works with: the store, this process's lanes, jobs and solver pool, and the options. */
import { createSolvePool, defaultThreads, solveIncrementalOnPool, type SolvePool } from "../district/solve-pool.ts";
import { poolExecutor, type SolvingExecutor } from "../district/executors.ts";
import type { SolveIncremental } from "../enroll/run-incremental.ts";
import { newHolder, type Store } from "../store/index.ts";
import { createAuditTrail, type AuditTrail } from "./audit-trail.ts";
import type { UploadPool } from "./problem-upload.ts";
import { SERVER_NICENESS } from "./server-niceness.ts";
import { createJobTable, type JobTable } from "./jobs.ts";
import { createLimits, type ApiLimits, type LimitOptions } from "./limits.ts";
import { stderrLog, type ApiLog } from "./log.ts";
import { createSchoolLanes, type SchoolLanes, type Settled } from "../enroll/school-lanes.ts";
import {
  applyStudentChanges,
  changeKey,
  type StudentChange,
  type StudentChangeOutcome,
} from "../enroll/student-changes.ts";

export interface ApiOptions {
  /** Where failures are logged in full (default: JSON lines on stderr). */
  log?: ApiLog;
  /** How long a OneRoster access token from POST /oauth/token lasts (default 1 hour). */
  oneRosterTokenLifetimeMs?: number;
  /** Solver threads of the pool that full runs, district runs and benchmarks use (default: the cores). */
  threads?: number;
  /** Largest JSON body of most routes (default 1 MB). */
  jsonLimit?: string | number;
  /** Largest body of a problem upload (default 50 MB). */
  uploadLimit?: string | number;
  /** A claimed idempotency key with no answer this long after is taken over (default 15 min). */
  idempotencyStaleMs?: number;
  /** Incremental placements tried this many times when the school is busy (default 5)... */
  placementAttempts?: number;
  /** ...waiting this long before the first retry, doubling after (default 50 ms). */
  placementBackoffMs?: number;
  /** A student change waits this long for others of its school to share its incremental run (default 10 ms). */
  batchWindowMs?: number;
  /** A district run waits this long for a school's active run (default 60 s). */
  districtWaitMs?: number;
  /** Check every reply against its documented schema, answering 500 if it differs (tests turn it on). */
  checkReplies?: boolean;
  /** Requests, failed sign-ins and open runs per token and school (see limits.ts for the defaults). */
  limits?: Partial<LimitOptions>;
}

export type ResolvedApiOptions = Required<Omit<ApiOptions, "threads" | "limits">> & { threads: number };

export interface ApiContext {
  store: Store;
  options: ResolvedApiOptions;
  log: ApiLog;
  /** This server process (host:pid:token): what holds its idempotency claims and jobs. */
  holder: string;
  jobs: JobTable;
  lanes: SchoolLanes<StudentChange, StudentChangeOutcome>;
  /**
   * Per school, the problem version of its latest change whose placement was deferred to a run
   * that held the school (a district run's, or another server's): that run, or the next, places
   * it. servable-roster.ts serves the school's seats without its leavers until a run made from
   * that version (or a later one) is live, as it does while the school's lane places them.
   */
  deferredPlacements: Map<string, number>;
  /** The solver pool, started on first use. */
  pool: { current?: SolvePool };
  /**
   * The pool of incremental placements (one thread, started on first use): a late student is
   * seated in milliseconds of solver time, and must not queue behind a district run's schools.
   */
  placementPool: { current?: SolvePool };
  /** The pool of stale-roster checks (one thread, started on first use): a roster read waits behind no placement. */
  checkPool: { current?: SolvePool };
  /** The thread that parses and reads problem uploads (problem-upload.ts), started on first use and stopped when idle. */
  uploadPool: { current?: UploadPool };
  limits: ApiLimits;
  audit: AuditTrail;
}

/** Options with their defaults filled in. */
export function resolveOptions(options: ApiOptions): ResolvedApiOptions {
  return {
    log: options.log ?? stderrLog,
    oneRosterTokenLifetimeMs: options.oneRosterTokenLifetimeMs ?? 3600_000,
    threads: Math.max(1, options.threads ?? defaultThreads()),
    jsonLimit: options.jsonLimit ?? "1mb",
    uploadLimit: options.uploadLimit ?? "50mb",
    idempotencyStaleMs: options.idempotencyStaleMs ?? 15 * 60_000,
    placementAttempts: options.placementAttempts ?? 5,
    placementBackoffMs: options.placementBackoffMs ?? 50,
    districtWaitMs: options.districtWaitMs ?? 60_000,
    batchWindowMs: options.batchWindowMs ?? 10,
    checkReplies: options.checkReplies ?? false,
  };
}

/** The context of one app: its lanes hand each batch of a school's student changes to src/enroll. */
export function createContext(store: Store, options: ApiOptions): ApiContext {
  const resolved = resolveOptions(options);
  const holder = newHolder();
  const context: ApiContext = {
    store,
    options: resolved,
    log: resolved.log,
    holder,
    jobs: createJobTable(store, holder, resolved.log),
    lanes: createSchoolLanes<StudentChange, StudentChangeOutcome>(
      (schoolId, changes) =>
        applyStudentChanges(store, schoolId, changes, {
          retry: { attempts: resolved.placementAttempts, backoffMs: resolved.placementBackoffMs, jitter: true },
          onRunFailed: (error, requestIds) => {
            resolved.log({ level: "error", message: "incremental placement failed", schoolId, requestIds, error });
            return `saved, but the run to seat it failed; quote request ID ${requestIds[0]} to the operators`;
          },
          // On a pool thread: a run with allowMoves can take seconds of this thread, which answers everyone.
          solve: solveIncrementalOn(context),
        }).then((outcomes) => noteDeferredPlacements(context, schoolId, outcomes)),
      changeKey,
      { windowMs: resolved.batchWindowMs },
    ),
    deferredPlacements: new Map(),
    pool: {},
    placementPool: {},
    checkPool: {},
    uploadPool: {},
    limits: createLimits(options.limits),
    audit: createAuditTrail(store),
  };
  return context;
}

/** Placements deferred to a run that holds the school (not failed ones): what ApiContext.deferredPlacements keeps. */
const TO_A_RUN_UNDER_WAY = new Set(["run_in_progress", "school_changed"]);

/** Notes the batch's changes whose placement a run under way was left to make (ApiContext.deferredPlacements); returns the outcomes. */
function noteDeferredPlacements(
  context: ApiContext,
  schoolId: string,
  outcomes: Settled<StudentChangeOutcome>[],
): Settled<StudentChangeOutcome>[] {
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const { placement, problemVersion } = outcome.value;
    if (placement.status !== "deferred" || !TO_A_RUN_UNDER_WAY.has(placement.reason ?? "")) continue;
    context.deferredPlacements.set(
      schoolId,
      Math.max(problemVersion, context.deferredPlacements.get(schoolId) ?? problemVersion),
    );
  }
  return outcomes;
}

/** The solver pool, started on first use (its threads take a moment to start the solver). */
export function solvePool(context: ApiContext): SolvePool {
  context.pool.current ??= createSolvePool({ threads: context.options.threads, niceIncrement: SERVER_NICENESS.runs });
  return context.pool.current;
}

/** The executor of this server's runs: its pool (a solve blocks its thread for seconds, and this thread answers everyone else). */
export function poolOf(context: ApiContext): SolvingExecutor {
  return poolExecutor({ pool: solvePool(context) });
}

/** The pool of placements, started on first use: one thread, never behind a district run's schools. */
export function placementPool(context: ApiContext): SolvePool {
  context.placementPool.current ??= createSolvePool({ threads: 1, niceIncrement: SERVER_NICENESS.placements });
  return context.placementPool.current;
}

/** The pool of stale-roster checks, started on first use: one thread, behind neither runs nor placements. */
export function checkPool(context: ApiContext): SolvePool {
  context.checkPool.current ??= createSolvePool({ threads: 1, niceIncrement: SERVER_NICENESS.placements });
  return context.checkPool.current;
}

/** An incremental run's solve on the app's placement pool: this thread answers everyone else meanwhile. */
export function solveIncrementalOn(context: ApiContext): SolveIncremental {
  return (problem, live, options, ids) => solveIncrementalOnPool(placementPool(context), problem, live, options, ids);
}
