import { groupBySchool } from "../../domain/group-by-school.ts";
import type { Problem } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { exportContext } from "./export-context.ts";
import { openRosterDirectory, type RosterDirectoryOptions } from "./roster-directory.ts";
import { schoolCsv } from "./school-csv.ts";

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
  const schools = groupBySchool(problem);
  // One school and its roster (a counselor's pass): building its lines checks them as the
  // whole-problem check would, with the same errors, before anything is written; that check
  // made them twice (about 4 ms of the thread on the high-school preset, median of cold runs).
  const only = schools.length === 1 && rosters.length === 1 && rosters[0]!.schoolId === schools[0]!.school.schoolId;
  const onlyCsv = only ? schoolCsv(schools[0]!, rosters[0]!, options) : undefined;
  // Every check first, on the whole problem, so that a misfit writes nothing at all.
  if (!onlyCsv) exportContext(problem, rosters, options);
  const bySchool = new Map(rosters.map((roster) => [roster.schoolId, roster]));
  const directory = await openRosterDirectory(dir, options);
  if (onlyCsv) await directory.addSchoolCsv(onlyCsv);
  else
    for (const school of schools) {
      const roster = bySchool.get(school.school.schoolId);
      if (roster) await directory.addSchool(school, roster);
    }
  await directory.close(report);
}
