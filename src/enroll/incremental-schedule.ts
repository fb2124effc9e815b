import type { SchoolProblem } from "../domain/problem.ts";
import type { Enrollment, SchoolRoster } from "../domain/roster.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import type { SolveOptions, SolveOutcome } from "../../solver/solve-options.ts";
import { keptPlacements } from "./kept-placements.ts";
import { movedStudents, type MovedStudent } from "./moved-students.ts";
import { pinnableEnrollments } from "./pinnable-enrollments.ts";

export interface IncrementalOptions extends SolveOptions {
  /** Most already-placed students that may change seats to meet more primary requests (default 0). */
  allowMoves?: number;
}

/** The solver's outcome for the roster taken (bounds, timings), plus what changed. */
export interface IncrementalOutcome extends SolveOutcome {
  roster: SchoolRoster;
  /** Placed students whose kept seats changed, never more than allowMoves. */
  moved: MovedStudent[];
  /** Students still at the school who lost a live seat that no longer fits the problem (not counted in moved). */
  displaced: MovedStudent[];
  /** Enrollments of the new roster that the live roster did not have. */
  placedNew: number;
}

/**
 * Re-runs one school after late changes without disturbing it: every live seat that still fits
 * the current problem is pinned, the live section placements are kept (what the problem now
 * gives wins), and only new or changed requests are placed. With allowMoves N > 0, up to N
 * placed students who sit in courses that unmet primary requests ask for are freed and the
 * school re-solved; that result is taken only if it meets more primary requests.
 */
export function incrementalSchedule(problem: SchoolProblem, live: SchoolRoster, options: IncrementalOptions): IncrementalOutcome {
  const { allowMoves = 0, ...solveOptions } = options;
  const placements = keptPlacements(problem, live);
  const { pinned, released } = pinnableEnrollments(problem, live, placements);
  let outcome = solveSchool(problem, solveOptions, placements, pinned);
  let moved: MovedStudent[] = [];

  if (allowMoves > 0 && outcome.roster.unscheduled.length > 0) {
    const freed = studentsToFree(problem, pinned, outcome.roster, allowMoves);
    if (freed.size > 0) {
      const stillPinned = pinned.filter((e) => !freed.has(e.studentId));
      const candidate = solveSchool(problem, solveOptions, placements, stillPinned);
      const candidateMoved = movedStudents(pinned, candidate.roster.enrollments, (id) => freed.get(id) ?? "freed");
      // Fewer unmet primary rows over the same requests = more primary requests met.
      if (candidate.roster.unscheduled.length < outcome.roster.unscheduled.length && candidateMoved.length <= allowMoves) {
        outcome = candidate;
        moved = candidateMoved;
      }
    }
  }

  const liveKeys = new Set(live.enrollments.map(keyOf));
  const placedNew = outcome.roster.enrollments.filter((e) => !liveKeys.has(keyOf(e))).length;
  const whyReleased = new Map<string, string>();
  for (const { enrollment, reason } of released) {
    whyReleased.set(enrollment.studentId, [whyReleased.get(enrollment.studentId), `${enrollment.sectionId}: ${reason}`].filter(Boolean).join("; "));
  }
  const releasedStudents = new Set(released.map((r) => r.enrollment.studentId));
  const displaced = movedStudents(live.enrollments.filter((e) => releasedStudents.has(e.studentId)), outcome.roster.enrollments,
    (id) => whyReleased.get(id)!);
  return { ...outcome, moved, displaced, placedNew };
}

/**
 * Up to `limit` pinned students to free, in the order of the unmet primary requests: first those
 * seated in the unmet course, then those in the student's other requested courses (the loader
 * may have traded the unmet course for one that meets at the same time); each with the request
 * it makes room for.
 */
function studentsToFree(problem: SchoolProblem, pinned: Enrollment[], roster: SchoolRoster, limit: number): Map<string, string> {
  const courseOfSection = new Map(problem.sections.map((s) => [s.sectionId, s.courseId]));
  const holdersOf = new Map<string, string[]>();
  for (const e of pinned) {
    const courseId = courseOfSection.get(e.sectionId)!;
    const list = holdersOf.get(courseId) ?? [];
    list.push(e.studentId);
    holdersOf.set(courseId, list);
  }
  const coursesOf = new Map<string, string[]>();
  for (const r of problem.requests) {
    const list = coursesOf.get(r.studentId) ?? [];
    list.push(r.courseId);
    coursesOf.set(r.studentId, list);
  }
  const freed = new Map<string, string>();
  for (const unmet of roster.unscheduled) {
    const courses = [unmet.courseId, ...(coursesOf.get(unmet.studentId) ?? []).filter((c) => c !== unmet.courseId)];
    for (const courseId of courses) {
      for (const studentId of holdersOf.get(courseId) ?? []) {
        if (freed.size >= limit) return freed;
        if (studentId === unmet.studentId || freed.has(studentId)) continue;
        freed.set(studentId, `freed a seat in ${courseId} for ${unmet.studentId}, unmet in ${unmet.courseId} (${unmet.reason})`);
      }
    }
  }
  return freed;
}

/** An enrollment as one comparable string. */
function keyOf(e: Enrollment): string {
  return `${e.studentId}|${e.sectionId}`;
}
