/** The one way a roster directory is written from a fresh solve: validated first, then replaced atomically. */
import type { Problem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { RunReport } from "../report/run-report.ts";
import { assertValidRosters } from "./invalid-roster.ts";
import { writeDirectoryAtomically } from "../io/atomic-directory.ts";
import type { OutputFolderOptions } from "../io/output-folder.ts";
import { writeRoster, type RosterDirectoryOptions } from "../io/oneroster/write-roster.ts";

/**
 * Writes `rosters` to `out` only if they keep every hard constraint of `problem`; otherwise throws
 * InvalidRosterError and leaves `out` (and whatever was there) as it was.
 */
export async function writeValidatedRoster(
  out: string,
  problem: Problem,
  rosters: SchoolRoster[],
  report: RunReport,
  folder: OutputFolderOptions,
  { onValidated, ...options }: RosterDirectoryOptions & { onValidated?: () => void } = {},
): Promise<void> {
  assertValidRosters(problem, rosters);
  onValidated?.();
  await writeDirectoryAtomically(out, (dir) => writeRoster(dir, problem, rosters, report, options), folder);
}
