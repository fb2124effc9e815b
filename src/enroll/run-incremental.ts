import { getRun, liveRoster, studentChangesSince, type PublishOutcome, type Store } from "../store/index.ts";
import { changedStudentIds, type StudentRowsChange } from "../domain/student-change.ts";
import { runSchool } from "../run/run-school.ts";
import { withReport } from "../run/schedule-school.ts";
import type { SchoolReport } from "../report/run-report.ts";
import type { Quality } from "../../solver/solve-options.ts";
import { incrementalSchedule, type IncrementalOptions, type IncrementalOutcome } from "./incremental-schedule.ts";
import type { MovedStudent } from "./moved-students.ts";
import type { SchoolRoster, SectionPlacement } from "../domain/roster.ts";
import type { SchoolProblem } from "../domain/problem.ts";
import type { Violation } from "../../solver/check/violation.ts";

/**
 * Solves an incremental run: incrementalSchedule here, or the same on a worker pool
 * (solveIncrementalOnPool), which brings the report and the validator's verdict along.
 */
export type SolveIncremental = (
  problem: SchoolProblem,
  live: SchoolRoster,
  options: IncrementalOptions,
  ids?: IncrementalIds,
) => Promise<IncrementalOutcome & { report?: SchoolReport; violations?: Violation[] }>;

/** Which school, versions and runs an incremental solve is about: what lets a pool's thread keep the school between runs. */
export interface IncrementalIds {
  schoolId: string;
  problemVersion?: number;
  liveRunId?: number;
  /** The run being made. */
  runId?: number;
  /** The store's student changes between two versions of the school's problem, when it has them all. */
  changesSince: (from: number, to: number) => StudentRowsChange[] | undefined;
}

/**
 * The students whose rows changed between the live run's problem version and the run's, when
 * this process wrote every change in between (studentChangesSince); undefined otherwise (an
 * import, another process, a crash): then the run tries every unmet student again.
 */
function studentsChangedSince(
  store: Store,
  schoolId: string,
  from: number,
  to: number | undefined,
): string[] | undefined {
  const changes = to === undefined ? undefined : studentChangesSince(store, schoolId, from, to);
  return changes && [...new Set(changes.flatMap(changedStudentIds))];
}

/** Same section, period, teachers and room. */
function samePlacement(a: SectionPlacement, b: SectionPlacement): boolean {
  return (
    a.sectionId === b.sectionId &&
    a.period === b.period &&
    a.teacherId === b.teacherId &&
    a.coTeacherId === b.coTeacherId &&
    a.roomId === b.roomId
  );
}

export interface RunIncrementalOptions {
  seed: number;
  quality: Quality;
  /** Most placed students that may change seats (default 0: nobody moves). */
  allowMoves?: number;
  /** Publish the result as the live roster (default true). */
  publish?: boolean;
  /** Where the solve runs (default: this thread). A server passes its pool: the solve blocks its thread for up to seconds. */
  solve?: SolveIncremental;
  /**
   * Place only what changed since the live run, when this process wrote every change since
   * (IncrementalOptions.changedStudents): what seating late changes does. Default false: a run
   * asked for tries every unmet student again.
   */
  onlyChanges?: boolean;
}

export interface RunIncrementalOutcome {
  runId: number;
  /** The live run the new one started from. */
  fromRunId: number;
  report: SchoolReport;
  moved: MovedStudent[];
  /** Students who lost a live seat that no longer fits the problem. */
  displaced: MovedStudent[];
  placedNew: number;
  published?: PublishOutcome;
}

/**
 * An incremental run of one school against the store: reads the live roster, keeps every seat
 * that still fits the school's current problem, places the rest, then saves and publishes the
 * result as a normal run (lease, history, diffRuns all apply), written as the touched students'
 * rows on top of the live run. Throws if nothing is live yet.
 */
export async function runIncremental(
  store: Store,
  schoolId: string,
  options: RunIncrementalOptions,
): Promise<RunIncrementalOutcome> {
  const live = await liveRoster(store, schoolId);
  if (!live) throw new Error(`school ${schoolId} has no live roster: run it in full first`);
  const allowMoves = options.allowMoves ?? 0;
  // Kept with the run as its parameters, so the history says it was incremental and from what.
  const schedule = {
    seed: options.seed,
    quality: options.quality,
    loader: "solver" as const,
    incrementalFrom: live.runId,
    allowMoves,
  };
  // The live run's bounds, which a run placing only what changed builds on.
  const liveBounds = options.onlyChanges ? (await getRun(store, live.runId))?.bounds : undefined;
  let changes: { moved: MovedStudent[]; displaced: MovedStudent[]; placedNew: number } = {
    moved: [],
    displaced: [],
    placedNew: 0,
  };
  const outcome = await runSchool(store, schoolId, {
    schedule,
    publish: options.publish,
    solve: async (problem, _schedule, run) => {
      const changedStudents = options.onlyChanges
        ? studentsChangedSince(store, schoolId, live.runProblemVersion, run?.problemVersion)
        : undefined;
      const result: Awaited<ReturnType<SolveIncremental>> = await (options.solve ?? incrementalSchedule)(
        problem,
        live.roster,
        {
          seed: options.seed,
          quality: options.quality,
          allowMoves,
          ...(changedStudents ? { changedStudents } : {}),
          ...(changedStudents && liveBounds ? { liveBounds } : {}),
        },
        {
          schoolId,
          problemVersion: run?.problemVersion,
          liveRunId: live.runId,
          runId: run?.runId,
          changesSince: (from, to) => studentChangesSince(store, schoolId, from, to),
        },
      );
      changes = { moved: result.moved, displaced: result.displaced, placedNew: result.placedNew };
      // Only the students whose seats changed are written, on top of the live run.
      const sameSections =
        result.roster.sections.length === live.roster.sections.length &&
        result.roster.sections.every((p, i) => samePlacement(p, live.roster.sections[i]!));
      // A pool's solve brings its report and the validator's verdict; this thread's is reported here (and checked by runSchool).
      const scheduled = result.report
        ? { outcome: result, report: result.report, violations: result.violations }
        : withReport(problem, result);
      return { ...scheduled, delta: { baseRunId: live.runId, students: result.touched, sameSections } };
    },
  });
  return {
    runId: outcome.runId,
    fromRunId: live.runId,
    report: outcome.report,
    ...changes,
    published: outcome.published,
  };
}
