import { groupBySchool } from "../../domain/group-by-school.ts";
import type { Problem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { exportContext } from "./export-context.ts";
import { openRosterDirectory, type RosterDirectoryOptions } from "./roster-directory.ts";

export type { RosterDirectoryOptions } from "./roster-directory.ts";

/**
 * Writes a roster directory (see openRosterDirectory) of the schools that have a roster, in the
 * problem's order. Throws before writing anything if the rosters do not fit the problem.
 */
export async function writeRoster(
  dir: string,
  problem: Problem,
  rosters: SchoolRoster[],
  report: unknown,
  options: RosterDirectoryOptions = {},
): Promise<void> {
  // Every check first, on the whole problem, so that a misfit writes nothing at all.
  exportContext(problem, rosters, options);
  const bySchool = new Map(rosters.map((roster) => [roster.schoolId, roster]));
  const directory = await openRosterDirectory(dir, options);
  for (const school of groupBySchool(problem)) {
    const roster = bySchool.get(school.school.schoolId);
    if (roster) await directory.addSchool(school, roster);
  }
  await directory.close(report);
}
