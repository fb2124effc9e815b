/**
 * Seating late changes: an incremental run of the school (nobody already placed moves, unless
 * allowed), retried a few times when the school is busy. The changes themselves are already
 * saved, so a run that cannot happen now is "deferred" (the next run seats them), not an error.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster, UnscheduledReason } from "../domain/roster.ts";
import {
  liveRoster,
  liveRunId,
  PublishRefusedError,
  readRunRoster,
  RunInProgressError,
  type Store,
} from "../store/index.ts";
import { withRetries, type RetryPolicy } from "../run/retry.ts";
import { runIncremental, type RunIncrementalOutcome, type SolveIncremental } from "./run-incremental.ts";

/** Why a placement did not seat the changes now. */
export type DeferReason = "no_live_roster" | "run_in_progress" | "school_changed" | "run_failed";

/** How a school's placement went: the run and its roster, or why there was none (with the error of a failed run, for the log). */
export type SchoolPlacement =
  | { status: "placed"; outcome: RunIncrementalOutcome; roster: SchoolRoster }
  | { status: "deferred" | "failed"; reason: DeferReason; message: string; error?: unknown };

/** A student's seat in a roster. */
export interface StudentSeat {
  sectionId: string;
  courseId: string;
  period?: number;
  terms: string[];
}

/** A primary request of a student left unmet, with why. */
export interface UnmetRequest {
  courseId: string;
  priority: number;
  reason: UnscheduledReason;
}

/** What one change's caller is told about its placement (the API's Placement). */
export interface ChangePlacement {
  status: "placed" | "deferred" | "failed" | "skipped";
  reason?: DeferReason;
  message?: string;
  runId?: number;
  moved?: number;
  sections?: StudentSeat[];
  unmet?: UnmetRequest[];
}

/** The retries of a placement while the school is busy: 5 tries, 50 ms before the first retry, jittered. */
export const PLACEMENT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 50, jitter: true };

const busy = (error: unknown) => error instanceof RunInProgressError || error instanceof PublishRefusedError;

/**
 * Runs the school incrementally, placing only what changed since its live run (onlyChanges),
 * retrying while another run holds it or the problem moved under it; `solve` says where it
 * solves (default: this thread).
 */
export async function placeIncrementally(
  store: Store,
  schoolId: string,
  allowMoves: number,
  retry: RetryPolicy = PLACEMENT_RETRY,
  solve?: SolveIncremental,
): Promise<SchoolPlacement> {
  if ((await liveRunId(store, schoolId)) === undefined) {
    return {
      status: "deferred",
      reason: "no_live_roster",
      message: "saved; the school has no live roster yet: run it in full to seat everyone",
    };
  }
  try {
    const outcome = await withRetries(
      () => runIncremental(store, schoolId, { seed: 1, quality: "quick", allowMoves, solve, onlyChanges: true }),
      { ...retry, retryIf: busy },
    );
    // The live roster is the run just published, and the store keeps it cached; another run may have gone live since.
    const live = await liveRoster(store, schoolId);
    const roster = live?.runId === outcome.runId ? live.roster : await readRunRoster(store, outcome.runId);
    return { status: "placed", outcome, roster };
  } catch (error) {
    if (error instanceof RunInProgressError) {
      return {
        status: "deferred",
        reason: "run_in_progress",
        message: `saved; school has run ${error.activeRunId} in progress, which or the next run seats it`,
      };
    }
    if (error instanceof PublishRefusedError) {
      return {
        status: "deferred",
        reason: "school_changed",
        message: "saved; the school kept changing during the run: the next run seats it",
      };
    }
    return { status: "failed", reason: "run_failed", message: "saved, but the run to seat it failed", error };
  }
}

/** A student's seats and unmet primary requests in a roster. */
export function seatsOf(
  problem: SchoolProblem,
  roster: SchoolRoster,
  studentId: string,
): { sections: StudentSeat[]; unmet: UnmetRequest[] } {
  const sections = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const periods = new Map(roster.sections.map((p) => [p.sectionId, p.period]));
  const seats = roster.enrollments
    .filter((e) => e.studentId === studentId)
    .map((e): StudentSeat => {
      const section = sections.get(e.sectionId);
      const period = periods.get(e.sectionId);
      return {
        sectionId: e.sectionId,
        courseId: section?.courseId ?? "",
        ...(period === undefined ? {} : { period }),
        terms: section?.terms ?? [],
      };
    });
  const unmet = roster.unscheduled
    .filter((u) => u.studentId === studentId)
    .map((u): UnmetRequest => ({ courseId: u.courseId, priority: u.priority, reason: u.reason }));
  return { sections: seats, unmet };
}

/** What one change's caller is told, from the school's placement. */
export function changePlacement(
  problem: SchoolProblem,
  placement: SchoolPlacement,
  studentId: string | undefined,
): ChangePlacement {
  if (placement.status !== "placed")
    return { status: placement.status, reason: placement.reason, message: placement.message };
  const base: ChangePlacement = {
    status: "placed",
    runId: placement.outcome.runId,
    moved: placement.outcome.moved.length,
  };
  return studentId === undefined ? base : { ...base, ...seatsOf(problem, placement.roster, studentId) };
}
