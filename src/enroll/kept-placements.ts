import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster, SectionPlacement } from "../domain/roster.ts";

/**
 * Each section's placement for an incremental run: the live one, except that what the problem
 * now gives (period, teacher, co-teacher, room) wins, since a run may only fill what is not
 * given. Sections the live roster does not know get what the problem gives (no period = not
 * placed: adding sections needs a full run with the master-schedule builder).
 */
export function keptPlacements(problem: SchoolProblem, live: SchoolRoster): SectionPlacement[] {
  const liveOf = new Map(live.sections.map((p) => [p.sectionId, p]));
  return problem.sections.map((section) => {
    const was = liveOf.get(section.sectionId);
    return {
      sectionId: section.sectionId,
      period: section.period ?? was?.period,
      teacherId: section.teacherId ?? was?.teacherId,
      coTeacherId: section.coTeacherId ?? was?.coTeacherId,
      roomId: section.roomId ?? was?.roomId,
    };
  });
}
