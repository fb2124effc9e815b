import type { CourseRequest, SchoolProblem } from "../domain/problem.ts";
import { primaryCount, requestsByStudent } from "../domain/requests-by-student.ts";
import type { Enrollment, SchoolRoster, SectionPlacement, Unscheduled } from "../domain/roster.ts";
import { wholeSchoolBound } from "../../solver/bounds/school-bounds.ts";
import { solveSchool } from "../../solver/solve-school.ts";
import type { RequestBounds, SolveOptions, SolveOutcome } from "../../solver/solve-options.ts";
import { withCarriedBound } from "./carried-bound.ts";
import { keptPlacements } from "./kept-placements.ts";
import { explainMoves, type MovedStudent } from "./moved-students.ts";
import { pinnableEnrollments } from "./pinnable-enrollments.ts";
import { reservedSeatsOf, schoolPart } from "./school-part.ts";
import { avoidPartners, studentsToPlace } from "./students-to-place.ts";

export interface IncrementalOptions extends SolveOptions {
  /** Most already-placed students that may change seats to meet more primary requests (default 0). */
  allowMoves?: number;
  /**
   * The students whose rows changed since the live roster was made (added, changed or dropped),
   * when the caller knows them all (the store's change log). Then a student the live roster left
   * unmet whose rows did not change keeps that roster's verdict, and is tried again only for a
   * seat freed since (studentsToPlace): a late student costs a part of a few students, not of
   * every student still waiting for a course. Unknown (undefined): every such student is tried.
   */
  changedStudents?: readonly string[];
  /**
   * The live run's bounds (their whole-school bound): with changedStudents, the run's bound
   * builds on them (carried-bound.ts), as tight as the live run's, rather than on the part's alone.
   */
  liveBounds?: RequestBounds;
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
  /**
   * Students whose seats differ from the live roster's (placed, displaced, moved, or gone from
   * the school): everyone else's seats are exactly the live ones, so a store can save the run
   * as these students' rows on top of the live run.
   */
  touched: string[];
}

/**
 * Re-runs one school after late changes without disturbing it: every live seat that still fits
 * the current problem is pinned, the live section placements are kept (what the problem now
 * gives wins), and only new or changed requests are placed. Only the students with something
 * to place (and their avoid partners) are solved, against the seats the rest of the school
 * holds, so one late student costs milliseconds, not a school's solve. With allowMoves N > 0,
 * up to N placed students who sit in courses that unmet primary requests ask for are freed and
 * the part re-solved with them; that result is taken only if it meets more primary requests,
 * and only with moves that cost no moved student a course they had (see explainMoves).
 */
export async function incrementalSchedule(
  problem: SchoolProblem,
  live: SchoolRoster,
  options: IncrementalOptions,
): Promise<IncrementalOutcome> {
  const { allowMoves = 0, changedStudents, liveBounds, ...solveOptions } = options;
  const placements = keptPlacements(problem, live);
  const requestsOf = requestsByStudent(problem);
  const seats = pinnableEnrollments(problem, live, placements, requestsOf);
  const { pinned, released } = seats;
  const changed = changedStudents && new Set(changedStudents);
  const { toPlace, partners } = studentsToPlace(problem, live, seats, requestsOf, changed);
  // The live roster's unmet rows of unchanged students still at the school: kept for those the run leaves alone.
  const waiting = changed
    ? live.unscheduled.filter((u) => requestsOf.has(u.studentId) && !changed.has(u.studentId))
    : [];
  let part: ReadonlySet<string> = new Set([...toPlace, ...partners]);
  let outcome = await solvePart(
    problem,
    partOptions(solveOptions, part, changed),
    placements,
    pinned,
    part,
    requestsOf,
    waiting,
  );
  let moved: MovedStudent[] = [];

  const unmetOfPart = outcome.roster.unscheduled.filter((u) => part.has(u.studentId));
  if (allowMoves > 0 && unmetOfPart.length > 0) {
    const freed = studentsToFree(problem, requestsOf, pinned, unmetOfPart, allowMoves);
    // A freed student whose move would cost them a course, or help nobody, keeps their seats:
    // the part is solved again without them, a few times at most, else nobody moves.
    for (let round = 0; round < MOVE_ROUNDS && freed.size > 0; round++) {
      // The freed students join the part, unpinned, with their own avoid partners pinned beside them.
      const worked = new Set([...toPlace, ...freed]);
      const widened = new Set([...worked, ...avoidPartners(problem, worked)]);
      const stillPinned = pinned.filter((e) => !freed.has(e.studentId));
      const candidate = await solvePart(
        problem,
        partOptions(solveOptions, widened, changed),
        placements,
        stillPinned,
        widened,
        requestsOf,
        waiting,
      );
      // Fewer unmet primary rows over the same requests = more primary requests met.
      if (candidate.roster.unscheduled.length >= outcome.roster.unscheduled.length) break;
      const explained = explainMoves(problem, freed, pinned, outcome.roster.enrollments, candidate.roster.enrollments);
      if (explained.refused.length === 0) {
        outcome = candidate;
        moved = explained.moved;
        part = widened;
        break;
      }
      for (const studentId of explained.refused) freed.delete(studentId);
    }
  }

  // Only the students of the part solved can have other seats than the live ones.
  const before = seatsByStudent(live.enrollments, part);
  const after = seatsByStudent(outcome.roster.enrollments, part);
  let placedNew = 0;
  const touched: string[] = [];
  for (const studentId of part) {
    const was = before.get(studentId) ?? [];
    const now = after.get(studentId) ?? [];
    const added = now.filter((sectionId) => !was.includes(sectionId)).length;
    placedNew += added;
    if (added > 0 || was.length !== now.length) touched.push(studentId);
  }
  const whyReleased = new Map<string, string>();
  for (const { enrollment, reason } of released) {
    whyReleased.set(
      enrollment.studentId,
      [whyReleased.get(enrollment.studentId), `${enrollment.sectionId}: ${reason}`].filter(Boolean).join("; "),
    );
  }
  const displaced: MovedStudent[] = [];
  for (const [studentId, reason] of whyReleased) {
    const from = before.get(studentId) ?? [];
    const to = after.get(studentId) ?? [];
    if (!from.every((sectionId) => to.includes(sectionId)))
      displaced.push({ studentId, from: [...from].sort(), to: [...to].sort(), reason });
  }
  const bounds =
    changed && liveBounds
      ? withCarriedBound(outcome.bounds, liveBounds, changed, requestsOf, () => wholeSchoolBound(problem, placements))
      : outcome.bounds;
  return { ...outcome, bounds, moved, displaced, placedNew, touched: [...touched, ...seats.left] };
}

/**
 * Improvement moves per student of a late change's part. Everyone else's seats are reserved, so
 * a move can only re-seat the part's own students, and the construction already gave each of
 * them the best schedule its exact per-student search finds in the seats left: a part of one late
 * student gains nothing from moves (bench:api's four schools, 60 changes each: the same unmet
 * requests with 1, 20 or quick's whole budget of moves), yet quick's work floor spent 10-30 ms
 * of rounds finding nothing. A batch's students may still trade seats among themselves.
 */
export const PART_MOVES_PER_STUDENT = 8;

/** The solve options of a part: a late change's part (`changed` known) gets at most PART_MOVES_PER_STUDENT moves a student. */
function partOptions(
  options: SolveOptions,
  part: ReadonlySet<string>,
  changed: ReadonlySet<string> | undefined,
): SolveOptions {
  if (!changed) return options;
  const cap = Math.max(1, PART_MOVES_PER_STUDENT * part.size);
  return { ...options, maxMoves: Math.min(options.maxMoves ?? Infinity, cap) };
}

/** The section ids of each of `students`, from `rows`. */
function seatsByStudent(rows: readonly Enrollment[], students: ReadonlySet<string>): Map<string, string[]> {
  const byStudent = new Map<string, string[]>();
  for (const e of rows) {
    if (!students.has(e.studentId)) continue;
    const list = byStudent.get(e.studentId);
    if (list) list.push(e.sectionId);
    else byStudent.set(e.studentId, [e.sectionId]);
  }
  return byStudent;
}

/**
 * Solves the part of the school made of `part`'s students, with the pinned seats of everyone
 * else reserved, and puts the school's roster back together: the others' kept seats, the part's
 * result, and the unmet list: the part's, and the `waiting` rows (the live roster's) of the
 * others, who have no other unmet primary request. The school's bounds are the part's plus the
 * others' primary requests, each counted as one that could be met (so still an upper bound).
 */
async function solvePart(
  problem: SchoolProblem,
  options: SolveOptions,
  placements: SectionPlacement[],
  pinned: Enrollment[],
  part: ReadonlySet<string>,
  requestsOf: ReadonlyMap<string, CourseRequest[]>,
  waiting: readonly Unscheduled[],
): Promise<SolveOutcome> {
  const kept: Enrollment[] = [];
  const partPinned: Enrollment[] = [];
  for (const e of pinned) (part.has(e.studentId) ? partPinned : kept).push(e);
  const result = await solveSchool(schoolPart(problem, part), options, {
    placements,
    fixed: partPinned,
    reserved: reservedSeatsOf(problem, kept),
  });
  let othersPrimary = 0;
  for (const [studentId, requests] of requestsOf) if (!part.has(studentId)) othersPrimary += primaryCount(requests);
  const bounds: RequestBounds = {
    ...result.bounds,
    capacity: result.bounds.capacity + othersPrimary,
    time: result.bounds.time + othersPrimary,
    best: result.bounds.best + othersPrimary,
  };
  if (result.bounds.lp !== undefined) bounds.lp = result.bounds.lp + othersPrimary;
  if (result.bounds.lagrangian !== undefined) bounds.lagrangian = result.bounds.lagrangian + othersPrimary;
  if (result.bounds.seatTime !== undefined) bounds.seatTime = result.bounds.seatTime + othersPrimary;
  if (result.bounds.slotFlow !== undefined) bounds.slotFlow = result.bounds.slotFlow + othersPrimary;
  // Seats are kept: the part's bounds hold for this run's rosters, not for every roster of the school.
  delete bounds.whole;
  delete bounds.wholeDrift;
  const unscheduled = waiting.filter((u) => !part.has(u.studentId)).concat(result.roster.unscheduled);
  return {
    ...result,
    bounds,
    roster: { ...result.roster, enrollments: [...kept, ...result.roster.enrollments], unscheduled },
  };
}

/** How many times the part is solved again without the freed students whose move is refused. */
const MOVE_ROUNDS = 3;

/**
 * Up to `limit` pinned students to free, in the order of the unmet primary requests: first those
 * seated in the unmet course, then those in the student's other requested courses (the loader
 * may have traded the unmet course for one that meets at the same time).
 */
function studentsToFree(
  problem: SchoolProblem,
  requestsOf: ReadonlyMap<string, CourseRequest[]>,
  pinned: Enrollment[],
  unscheduled: readonly Unscheduled[],
  limit: number,
): Set<string> {
  const courseOfSection = new Map(problem.sections.map((s) => [s.sectionId, s.courseId]));
  const holdersOf = new Map<string, string[]>();
  for (const e of pinned) {
    const courseId = courseOfSection.get(e.sectionId)!;
    const list = holdersOf.get(courseId) ?? [];
    list.push(e.studentId);
    holdersOf.set(courseId, list);
  }
  const freed = new Set<string>();
  for (const unmet of unscheduled) {
    const others = (requestsOf.get(unmet.studentId) ?? []).map((r) => r.courseId).filter((c) => c !== unmet.courseId);
    const courses = [unmet.courseId, ...others];
    for (const courseId of courses) {
      for (const studentId of holdersOf.get(courseId) ?? []) {
        if (freed.size >= limit) return freed;
        if (studentId === unmet.studentId || freed.has(studentId)) continue;
        freed.add(studentId);
      }
    }
  }
  return freed;
}
