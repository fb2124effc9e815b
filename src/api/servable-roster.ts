/**
 * A live roster is handed out only when it fits its school's problem. A stale one (the problem
 * changed after its run: a student written without placing, dropped, re-imported) is checked by
 * the independent validator first, and the part asked for is refused when it is wrong (409
 * roster_invalid, naming what is broken) unless the caller explicitly asks for it anyway: the
 * seats when any seat breaks a rule, the unscheduled list when anything does. A newcomer not
 * seated yet (a placement deferred under load) leaves every seat right but the unscheduled
 * list short of them: their school's seats are still handed out, marked stale. While the
 * school's changes are being placed (its lane is busy: the incremental run solves on the pool),
 * or their placement was left to a run that holds the school (a district run's: deferred with
 * run_in_progress, whose publish raced the drop), students dropped since the run are left out
 * of what is handed out (their seats are free in the run about to be published); a drop with no
 * run coming (place=false, or a placement that failed) still makes the roster refused. Before,
 * a leaver deferred during a district run made every read of the school 409 until the next
 * change started its lane: bench:api's 2-6 roster_invalid answers per busy phase. The check
 * runs once per roster, problem version and placing state: a roster never changes, and the
 * version moves with every change.
 *
 * The seats need no check when this process wrote every change since the run (the store keeps
 * them: studentChangesSince) and none of them touches a seat: students enrolled who hold no seat
 * in the roster, and students dropped whose seats are left out (while placing) or who had none.
 * The roster passed the validator against the problem it was made from; every hard constraint is
 * a limit on a student's own seats or an upper bound on a section, a teacher or a room, so a
 * student without seats cannot break one, and taking a student's seats away cannot either. Under
 * a stream of late enrollments this is nearly every read: before, each read of a changed school
 * waited for a whole-school check on the pool (and this thread spent milliseconds sending it).
 */
import type { Violation } from "../../solver/check/violation.ts";
import { validateOnPool } from "../district/solve-pool.ts";
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { changedStudentIds } from "../domain/student-change.ts";
import { liveRoster, readSchoolProblemVersioned, studentChangesSince, type LiveRoster } from "../store/index.ts";
import { checkPool, type ApiContext } from "./context.ts";
import { ApiError } from "./errors.ts";
import { requireKnownSchool } from "./routes/schools.ts";

/** Each stale roster as served and its violations, by the problem version it was checked against and whether changes were being placed. */
const checked = new WeakMap<SchoolRoster, Map<string, Promise<{ roster: SchoolRoster; violations: Violation[] }>>>();

/** Per roster, the copies of it served without some students, by those students: one per set of leavers, not per version. */
const departures = new WeakMap<SchoolRoster, Map<string, SchoolRoster>>();

/**
 * The roster without the students the problem no longer has (the same object when there are
 * none). The same leavers give the same object, so that its answer (serialized and gzipped
 * once per roster object, routes/rosters.ts) is made again only when someone else leaves, not
 * at every newcomer's version.
 */
function withoutDeparted(roster: SchoolRoster, problem: SchoolProblem): SchoolRoster {
  const students = studentIdsOf(problem);
  const departed = [...studentsOf(roster).named].filter((id) => !students.has(id));
  if (departed.length === 0) return roster;
  const key = departed.sort().join("\n");
  let copies = departures.get(roster);
  if (!copies) departures.set(roster, (copies = new Map()));
  let copy = copies.get(key);
  if (!copy) {
    const gone = new Set(departed);
    copy = {
      ...roster,
      enrollments: roster.enrollments.filter((e) => !gone.has(e.studentId)),
      unscheduled: roster.unscheduled.filter((u) => !gone.has(u.studentId)),
    };
    // Leavers only add up until the next run: the copies for fewer of them are not asked for again.
    copies.clear();
    copies.set(key, copy);
  }
  return copy;
}

/** Per problem, its student IDs. */
const problemStudents = new WeakMap<SchoolProblem, Set<string>>();

function studentIdsOf(problem: SchoolProblem): Set<string> {
  let ids = problemStudents.get(problem);
  if (!ids) problemStudents.set(problem, (ids = new Set(problem.students.map((s) => s.studentId))));
  return ids;
}

/** Per roster: the students it seats, and those it names at all (seated or listed unmet). */
const studentsOfRoster = new WeakMap<SchoolRoster, { seated: Set<string>; named: Set<string> }>();

function studentsOf(roster: SchoolRoster): { seated: Set<string>; named: Set<string> } {
  let students = studentsOfRoster.get(roster);
  if (!students) {
    const seated = new Set(roster.enrollments.map((e) => e.studentId));
    const named = new Set([...seated, ...roster.unscheduled.map((u) => u.studentId)]);
    studentsOfRoster.set(roster, (students = { seated, named }));
  }
  return students;
}

/**
 * True when a change of the school was left to a run that held it (ApiContext.deferredPlacements)
 * and no run made since that change is live yet: that run, or the next, places it. Forgotten
 * once one is.
 */
function placementOwed(context: ApiContext, live: LiveRoster): boolean {
  const owed = context.deferredPlacements.get(live.schoolId);
  if (owed === undefined) return false;
  if (live.runProblemVersion < owed) return true;
  context.deferredPlacements.delete(live.schoolId);
  return false;
}

/**
 * True when the changes since the live run provably leave every seat of the served roster valid
 * (see the top): enrolled students hold no seat in it, dropped ones are left out or named nowhere.
 */
function seatsUntouched(context: ApiContext, live: LiveRoster, problemVersion: number, placing: boolean): boolean {
  const changes = studentChangesSince(context.store, live.schoolId, live.runProblemVersion, problemVersion);
  if (!changes) return false;
  const { seated, named } = studentsOf(live.roster);
  return changes.every((change) =>
    change.kind === "upsert"
      ? changedStudentIds(change).every((id) => !seated.has(id))
      : placing || !named.has(change.studentId),
  );
}

/**
 * The live roster as served, and its violations against the school's current problem ([] when
 * it is not stale); for the seats alone, `seatsOnly`, [] also when the changes since provably
 * leave them valid (no check then).
 */
async function checkedRoster(
  context: ApiContext,
  live: LiveRoster,
  seatsOnly: boolean,
): Promise<{ roster: SchoolRoster; violations: Violation[] }> {
  if (!live.stale) return { roster: live.roster, violations: [] };
  const { problem, problemVersion } = await readSchoolProblemVersioned(context.store, live.schoolId);
  const placing = context.lanes.lanes.has(live.schoolId) || placementOwed(context, live);
  let byVersion = checked.get(live.roster);
  if (!byVersion) checked.set(live.roster, (byVersion = new Map()));
  const key = `${problemVersion}:${placing}`;
  let entry = byVersion.get(key);
  if (!entry && seatsOnly && seatsUntouched(context, live, problemVersion, placing)) {
    const roster = placing ? withoutDeparted(live.roster, problem) : live.roster;
    // Kept under its own key: the unscheduled list still needs the whole check.
    const seatsKey = `${key}:seats`;
    let seats = byVersion.get(seatsKey);
    if (!seats) {
      for (const old of byVersion.keys()) if (!old.startsWith(`${problemVersion}:`)) byVersion.delete(old);
      byVersion.set(seatsKey, (seats = Promise.resolve({ roster, violations: [] })));
    }
    return seats;
  }
  if (!entry) {
    const roster = placing ? withoutDeparted(live.roster, problem) : live.roster;
    // Versions only go up: an older one's check is never asked for again.
    for (const old of byVersion.keys()) if (!old.startsWith(`${problemVersion}:`)) byVersion.delete(old);
    // Checked on a pool thread: a large school's check would hold this thread for tens of milliseconds.
    entry = validateOnPool(checkPool(context), problem, roster).then((violations) => ({ roster, violations }));
    byVersion.set(key, entry);
    entry.catch(() => byVersion.delete(key));
  }
  return entry;
}

/** Which part of a roster a route hands out. */
export type RosterPart = "seats" | "unscheduled";

/** The violations that make `part` wrong. */
const breaking = (part: RosterPart, violations: Violation[]) =>
  part === "seats" ? violations.filter((v) => v.constraint !== "unscheduled-list") : violations;

/**
 * The school's live roster and how many violations make `part` of it wrong; 404 without one,
 * 409 if there are any and `allowInvalid` is false.
 */
export async function servableLiveRoster(
  context: ApiContext,
  schoolId: string,
  part: RosterPart,
  allowInvalid: boolean,
): Promise<{ live: LiveRoster; violations: number }> {
  const live = await liveRoster(context.store, schoolId);
  if (!live) {
    await requireKnownSchool(context.store, schoolId);
    throw new ApiError(
      404,
      "no_live_roster",
      `school ${JSON.stringify(schoolId)} has no live roster yet: run it first`,
    );
  }
  const served = await checkedRoster(context, live, part === "seats");
  const violations = breaking(part, served.violations);
  if (violations.length > 0 && !allowInvalid) {
    const rules = [...new Set(violations.map((v) => v.constraint))].join(", ");
    throw new ApiError(
      409,
      "roster_invalid",
      `the live roster of school ${JSON.stringify(schoolId)} (run ${live.runId}) no longer fits the school's problem, changed since (${violations.length} violation(s): ${rules}); ` +
        'an incremental run re-places the school (POST .../runs {"kind": "incremental"}); add ?allowInvalid=true to have it as it is',
      violations.slice(0, 50).map((v) => ({ path: "roster", message: `${v.constraint}: ${v.message}` })),
    );
  }
  return { live: { ...live, roster: served.roster }, violations: violations.length };
}
