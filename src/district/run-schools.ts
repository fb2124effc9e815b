/**
 * The one runner: `runSchools(source, executor, options)`. The source is a problem's schools
 * (files read by the caller) or schools of the store; the executor is this thread, the pool or
 * the queue. Largest schools first; a school that fails is retried, then reported with its
 * reason while the others go on. Every school's roster depends only on its problem and the
 * options (a solve not cut short by its wall-clock cap), so every source and executor gives the
 * same rosters for the same seed.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { SchoolReport } from "../report/run-report.ts";
import { advanceProgress, initialProgress, type DistrictProgress } from "./district-progress.ts";
import { newDistrictRunId } from "../run/district-run-id.ts";
import type { DistrictJobData, DistrictRunSummary, SchoolJobResult } from "./queue-jobs.ts";
import { QUEUE_NAMES, type QueueSetup } from "./queue-setup.ts";
import { failureReason, type SchoolFailure } from "./school-failure.ts";
import type { SchoolSize, Store } from "../store/index.ts";
import { heaviestFirst, schoolWeight } from "./school-weight.ts";
import { scheduleOfRun } from "./schedule-of-run.ts";
import type { Executor, QueueExecutor, SolvingExecutor } from "./executors.ts";
import { attemptsOf, withRetries } from "../run/retry.ts";
import { UnbuildableSchoolError, type ScheduleOptions } from "../run/schedule-school.ts";
import { runCollector } from "./collect-garbage.ts";

/** Schools to run: a problem's (files), or the store's. */
export type SchoolSource =
  | { kind: "files"; schools: Iterable<SchoolProblem> }
  | {
      kind: "store";
      store: Store;
      schoolIds: readonly string[];
      /** Publish each school's roster as it is saved (default true). */
      publish?: boolean;
      /** Wait this long for a school's active run (a counselor's) before counting the attempt failed (default 0). */
      waitMs?: number;
      leaseMs?: number;
      /** Name of the district run the school runs record (default: a fresh one); false: plain runs, no district run. */
      districtRunId?: string | false;
    };

/** A problem's schools as a source. */
export const fromFiles = (schools: Iterable<SchoolProblem>): SchoolSource => ({ kind: "files", schools });

/** Schools of the store as a source. */
export const fromStore = (
  store: Store,
  schoolIds: readonly string[],
  options: Omit<Extract<SchoolSource, { kind: "store" }>, "kind" | "store" | "schoolIds"> = {},
): SchoolSource => ({ kind: "store", store, schoolIds, ...options });

export interface RunSchoolsOptions {
  schedule: ScheduleOptions;
  /** Tries per school, the first included (default 2; 3 on the queue). */
  attempts?: number;
  onProgress?: (progress: DistrictProgress) => void;
  /** Called as each school ends, in finishing order. */
  onSchool?: (schoolId: string, outcome: { report: SchoolReport } | { failure: SchoolFailure }) => void;
  /** Reject with a school's error instead of reporting it (one school: its error is the command's). */
  failFast?: boolean;
  /** Files: keep every roster in the result (default true); false keeps only the reports, for very large runs. */
  keepRosters?: boolean;
}

/** A school's run in the store, as a district run reports it. */
export interface SchoolRun {
  schoolId: string;
  runId: number;
  /** The run is the school's live roster. */
  published: boolean;
  /** An earlier attempt had already saved this run; nothing was written now. */
  reused: boolean;
}

export interface RunSchoolsResult {
  /** Store sources run as a district run (unless districtRunId is false): its name. */
  districtRunId?: string;
  /** Report lines of the schools that succeeded, in input order (by school ID on the queue). */
  reports: SchoolReport[];
  /** Files: their rosters, in the same order (empty when keepRosters is false). */
  rosters: SchoolRoster[];
  /** Store: their runs, in the same order. */
  runs: SchoolRun[];
  failures: SchoolFailure[];
}

/**
 * Runs every school of the source on the executor; never rejects because of one school.
 *
 * Not itself async: a suspended async function keeps the arguments it was called with (V8 saves
 * its parameters with its registers, whatever the body later assigns), so a files source's
 * schools stayed reachable until the last school was solved, every problem runFiles let go
 * included: on the district, the heap's live size after a full collection at the start and
 * after each quarter of the requests went 650, 718, 786, 857 MB; now 650, 578, 505, 429 MB.
 * runFiles gets its own copy of the list.
 */
export function runSchools(
  source: SchoolSource,
  executor: Executor,
  options: RunSchoolsOptions,
): Promise<RunSchoolsResult> {
  if (source.kind === "store") return runStore(source, executor, options);
  let files: (SchoolProblem | undefined)[];
  try {
    // Read once (they may come from a generator), then counted.
    files = [...source.schools];
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return runFiles(files, executor, options);
}

/** The files source's run: `files` is this run's own list, each school let go once solved. */
async function runFiles(
  files: (SchoolProblem | undefined)[],
  executor: Executor,
  options: RunSchoolsOptions,
): Promise<RunSchoolsResult> {
  options = { ...options, schedule: scheduleOfRun(options.schedule, files.length) };
  if (executor.kind === "queue")
    throw new Error("the queue runs schools of the store: import the problem first (mse import)");
  const schoolIds = files.map((s) => s!.school.schoolId);
  const sizes = files.map((s) => ({ students: s!.students.length, requests: s!.requests.length }));
  const collector = runCollector(sizes.reduce((n, s) => n + s.requests, 0));
  const outcomes = await runEach(
    schoolIds,
    (i) => sizes[i]!,
    executor,
    options,
    async (i) => {
      const { outcome, report } = await executor.solve(files[i]!, options.schedule);
      // A solved school's problem is let go (not on a failure: it is tried again): a district's
      // problems are about a gigabyte, which the rosters then took on top (bench:nightly's peak).
      files[i] = undefined;
      collector.letGo(sizes[i]!.requests);
      // A district's rosters are gigabytes: not kept unless asked for.
      return { report, roster: options.keepRosters === false ? undefined : outcome.roster };
    },
  );
  const done = outcomes.done.filter((d) => d !== undefined);
  return {
    reports: done.map((d) => d.report),
    rosters: done.flatMap((d) => (d.roster ? [d.roster] : [])),
    runs: [],
    failures: outcomes.failures,
  };
}

/** The store source's run, or the queue's. */
async function runStore(
  source: Extract<SchoolSource, { kind: "store" }>,
  executor: Executor,
  options: RunSchoolsOptions,
): Promise<RunSchoolsResult> {
  options = { ...options, schedule: scheduleOfRun(options.schedule, source.schoolIds.length) };
  if (executor.kind === "queue") return runOnQueue(source, executor, options);
  const { store, schoolIds } = source;
  // The store's modules (its queries, its drivers' wrappers) load only for a run of the store:
  // a counselor's `mse schedule --input` of one school never opens them.
  const [{ schoolSizes }, { runSchool }] = await Promise.all([
    import("../store/index.ts"),
    import("../run/run-school.ts"),
  ]);
  const districtRunId = source.districtRunId === false ? undefined : (source.districtRunId ?? newDistrictRunId());
  const startedAt = new Date();
  const sizes = await schoolSizes(store, schoolIds);
  const outcomes = await runEach(
    schoolIds,
    (i) => sizes.get(schoolIds[i]!) ?? { students: 0, requests: 0 },
    executor,
    options,
    (i) =>
      runSchool(store, schoolIds[i]!, {
        schedule: options.schedule,
        publish: source.publish,
        leaseMs: source.leaseMs,
        waitMs: source.waitMs ?? 0,
        solve: executor.solve,
        districtRun: districtRunId === undefined ? undefined : { id: districtRunId, startedAt },
      }),
  );
  const done = outcomes.done.filter((d) => d !== undefined);
  return {
    districtRunId,
    reports: done.map((d) => d.report),
    rosters: [],
    runs: done.map((d) => ({
      schoolId: d.schoolId,
      runId: d.runId,
      published: d.published !== undefined,
      reused: d.reused,
    })),
    failures: outcomes.failures,
  };
}

/**
 * Runs `run(i)` for each school, heaviest first, with one more school in flight than the
 * executor has threads (the next school is read and queued while the last one finishes), each
 * retried up to `attempts` times.
 */
async function runEach<T extends { report: SchoolReport }>(
  schoolIds: readonly string[],
  sizeOf: (i: number) => SchoolSize,
  executor: SolvingExecutor,
  options: RunSchoolsOptions,
  run: (i: number) => Promise<T>,
): Promise<{ done: (T | undefined)[]; failures: SchoolFailure[] }> {
  const clock = performance.now();
  let progress = initialProgress(
    schoolIds.length,
    schoolIds.reduce((n, _, i) => n + sizeOf(i).students, 0),
  );
  const done: (T | undefined)[] = new Array(schoolIds.length);
  const failed: (SchoolFailure | undefined)[] = new Array(schoolIds.length);
  const queue = heaviestFirst(
    schoolIds.map((_, i) => i),
    (i) => schoolWeight(sizeOf(i)),
  );
  const lane = async (): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const schoolId = schoolIds[i]!;
      const students = sizeOf(i).students;
      try {
        // A school that cannot be built never will be: no second try.
        const result = await withRetries(() => run(i), {
          attempts: options.attempts ?? 2,
          retryIf: (e) => !(e instanceof UnbuildableSchoolError),
        });
        done[i] = result;
        progress = advanceProgress(
          progress,
          { schoolId, students, ok: true, studentsPlaced: result.report.students - result.report.studentsWithNothing },
          performance.now() - clock,
        );
        options.onSchool?.(schoolId, { report: result.report });
      } catch (error) {
        if (options.failFast) throw error;
        const failure: SchoolFailure = { schoolId, reason: failureReason(error), attempts: attemptsOf(error) };
        failed[i] = failure;
        progress = advanceProgress(
          progress,
          { schoolId, students, ok: false, reason: failure.reason },
          performance.now() - clock,
        );
        options.onSchool?.(schoolId, { failure });
      }
      options.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: executor.threads + 1 }, lane));
  return { done, failures: failed.filter((f) => f !== undefined) };
}

/** A district run on the queue: enqueue the flow, then follow it until its summary is in. */
async function runOnQueue(
  source: Extract<SchoolSource, { kind: "store" }>,
  executor: QueueExecutor,
  options: RunSchoolsOptions,
): Promise<RunSchoolsResult> {
  // The queue's modules (BullMQ, ioredis) are loaded only for a run on the queue: loaded at
  // start, they cost every `mse schedule` about 0.25 s of CPU before it began.
  const [{ enqueueStoreDistrictRun }, { waitForDistrictRun }] = await Promise.all([
    import("./enqueue-district-run.ts"),
    import("./wait-for-district-run.ts"),
  ]);
  const { setup } = executor;
  const data = await enqueueStoreDistrictRun(setup, source.store, {
    schoolIds: [...source.schoolIds],
    schedule: options.schedule,
    publish: source.publish,
    attempts: options.attempts,
    timeoutMs: executor.timeoutMs,
    leaseMs: source.leaseMs,
    districtRunId: source.districtRunId || undefined,
  });
  executor.onEnqueued?.(data.districtRunId);
  const summary = await waitForDistrictRun(setup, data.districtRunId, {
    onProgress: options.onProgress,
    timeoutMs: executor.waitTimeoutMs,
  });
  const results = await schoolResults(setup, data.districtRunId);
  return {
    districtRunId: summary.districtRunId,
    reports: results.map((r) => r.report),
    rosters: [],
    runs: results.map((r) => ({ schoolId: r.schoolId, runId: r.runId, published: r.published, reused: r.reused })),
    failures: summary.failed,
  };
}

/** The results of a finished run's schools, ordered by school ID. */
async function schoolResults(setup: QueueSetup, districtRunId: string): Promise<SchoolJobResult[]> {
  const { Queue } = await import("bullmq");
  const queue = new Queue<DistrictJobData, DistrictRunSummary>(QUEUE_NAMES.districts, {
    connection: setup.connection,
    prefix: setup.prefix,
  });
  try {
    const job = await queue.getJob(districtRunId);
    const results = job ? Object.values(await job.getChildrenValues<SchoolJobResult>()) : [];
    return results.sort((a, b) => (a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0));
  } finally {
    await queue.close();
  }
}
