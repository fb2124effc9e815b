/**
 * Seating late changes: an incremental run of the school (nobody already placed moves, unless
 * allowed), retried a few times when the school is busy. The changes themselves are already
 * saved, so a run that cannot happen now is "deferred" (the next run seats them), not an error.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { runIncremental, type RunIncrementalOutcome } from "../enroll/run-incremental.ts";
import { liveRoster, liveRunId, PublishRefusedError, readRunRoster, RunInProgressError } from "../store/index.ts";
import { solveIncrementalOn, type ApiContext } from "./context.ts";
import type { PlacementView, SeatView, UnmetView } from "./schemas/students.ts";

/** How a school's placement went: the run and its roster, or why there was none. */
export type SchoolPlacement =
  | { status: "placed"; outcome: RunIncrementalOutcome; roster: SchoolRoster }
  | { status: "deferred" | "failed"; reason: NonNullable<PlacementView["reason"]>; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the school incrementally, retrying while another run holds it or the problem moved under it. */
export async function placeSchool(context: ApiContext, schoolId: string, allowMoves: number, requestIds: string[]): Promise<SchoolPlacement> {
  const { store, options } = context;
  if ((await liveRunId(store, schoolId)) === undefined) {
    return { status: "deferred", reason: "no_live_roster", message: "saved; the school has no live roster yet: run it in full to seat everyone" };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await runIncremental(store, schoolId, { seed: 1, quality: "quick", allowMoves, solve: solveIncrementalOn(context) });
      // The live roster is the run just published, and the store keeps it cached; another run may have gone live since.
      const live = await liveRoster(store, schoolId);
      const roster = live?.runId === outcome.runId ? live.roster : await readRunRoster(store, outcome.runId);
      return { status: "placed", outcome, roster };
    } catch (error) {
      const busy = error instanceof RunInProgressError || error instanceof PublishRefusedError;
      if (busy && attempt < options.placementAttempts) {
        // Jittered, so that retries of several processes do not collide again.
        await sleep(options.placementBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
        continue;
      }
      if (error instanceof RunInProgressError) {
        return { status: "deferred", reason: "run_in_progress", message: `saved; school has run ${error.activeRunId} in progress, which or the next run seats it` };
      }
      if (error instanceof PublishRefusedError) {
        return { status: "deferred", reason: "school_changed", message: "saved; the school kept changing during the run: the next run seats it" };
      }
      context.log({ level: "error", message: "incremental placement failed", schoolId, requestIds, error });
      return { status: "failed", reason: "run_failed", message: `saved, but the run to seat it failed; quote request ID ${requestIds[0]} to the operators` };
    }
  }
}

/** A student's seats and unmet primary requests in a roster. */
export function seatsOf(problem: SchoolProblem, roster: SchoolRoster, studentId: string): { sections: SeatView[]; unmet: UnmetView[] } {
  const sections = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const periods = new Map(roster.sections.map((p) => [p.sectionId, p.period]));
  const seats = roster.enrollments
    .filter((e) => e.studentId === studentId)
    .map((e): SeatView => {
      const section = sections.get(e.sectionId);
      const period = periods.get(e.sectionId);
      return { sectionId: e.sectionId, courseId: section?.courseId ?? "", ...(period === undefined ? {} : { period }), terms: section?.terms ?? [] };
    });
  const unmet = roster.unscheduled
    .filter((u) => u.studentId === studentId)
    .map((u): UnmetView => ({ courseId: u.courseId, priority: u.priority, reason: u.reason }));
  return { sections: seats, unmet };
}

/** The placement view of one student's change, from the school's placement. */
export function placementView(problem: SchoolProblem, placement: SchoolPlacement, studentId: string | undefined): PlacementView {
  if (placement.status !== "placed") return { status: placement.status, reason: placement.reason, message: placement.message };
  const base: PlacementView = { status: "placed", runId: placement.outcome.runId, moved: placement.outcome.moved.length };
  return studentId === undefined ? base : { ...base, ...seatsOf(problem, placement.roster, studentId) };
}
