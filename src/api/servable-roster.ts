/**
 * A live roster is handed out only when it fits its school's problem. A stale one (the problem
 * changed after its run: a student written without placing, dropped, re-imported) is checked by
 * the independent validator first, and the part asked for is refused when it is wrong (409
 * roster_invalid, naming what is broken) unless the caller explicitly asks for it anyway: the
 * seats when any seat breaks a rule, the unscheduled list when anything does. A newcomer not
 * seated yet (a placement deferred under load) leaves every seat right but the unscheduled
 * list short of them: their school's seats are still handed out, marked stale. The check runs once per roster and
 * problem version: a roster never changes, and the version moves with every change.
 */
import { validateRoster } from "../../solver/check/validate-roster.ts";
import type { Violation } from "../../solver/check/violation.ts";
import { joinSchools } from "../domain/join-schools.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { liveRoster, readSchoolProblemVersioned, type LiveRoster } from "../store/index.ts";
import type { ApiContext } from "./context.ts";
import { ApiError } from "./errors.ts";
import { requireKnownSchool } from "./routes/schools.ts";

/** Violations of each stale roster, by the problem version it was checked against. */
const checked = new WeakMap<SchoolRoster, Map<number, Violation[]>>();

/** The live roster's violations against the school's current problem ([] when it is not stale). */
async function violationsOf(context: ApiContext, live: LiveRoster): Promise<Violation[]> {
  if (!live.stale) return [];
  const { problem, problemVersion } = await readSchoolProblemVersioned(context.store, live.schoolId);
  let byVersion = checked.get(live.roster);
  if (!byVersion) checked.set(live.roster, (byVersion = new Map()));
  let violations = byVersion.get(problemVersion);
  if (!violations) byVersion.set(problemVersion, (violations = validateRoster(joinSchools([problem]), [live.roster])));
  return violations;
}

/** Which part of a roster a route hands out. */
export type RosterPart = "seats" | "unscheduled";

/** The violations that make `part` wrong. */
const breaking = (part: RosterPart, violations: Violation[]) => (part === "seats" ? violations.filter((v) => v.constraint !== "unscheduled-list") : violations);

/**
 * The school's live roster and how many violations make `part` of it wrong; 404 without one,
 * 409 if there are any and `allowInvalid` is false.
 */
export async function servableLiveRoster(context: ApiContext, schoolId: string, part: RosterPart, allowInvalid: boolean): Promise<{ live: LiveRoster; violations: number }> {
  const live = await liveRoster(context.store, schoolId);
  if (!live) {
    await requireKnownSchool(context.store, schoolId);
    throw new ApiError(404, "no_live_roster", `school ${JSON.stringify(schoolId)} has no live roster yet: run it first`);
  }
  const violations = breaking(part, await violationsOf(context, live));
  if (violations.length > 0 && !allowInvalid) {
    const rules = [...new Set(violations.map((v) => v.constraint))].join(", ");
    throw new ApiError(409, "roster_invalid",
      `the live roster of school ${JSON.stringify(schoolId)} (run ${live.runId}) no longer fits the school's problem, changed since (${violations.length} violation(s): ${rules}); ` +
      "an incremental run re-places the school (POST .../runs {\"kind\": \"incremental\"}); add ?allowInvalid=true to have it as it is",
      violations.slice(0, 50).map((v) => ({ path: "roster", message: `${v.constraint}: ${v.message}` })));
  }
  return { live, violations: violations.length };
}
