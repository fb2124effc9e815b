/** The one way a roster directory is written from a fresh solve: validated first, then replaced atomically. */
import type { Problem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { RunReport } from "../report/run-report.ts";
import type { Violation } from "../../solver/check/validate-roster.ts";
import { assertValidRosters, InvalidRosterError, rosterViolations } from "./invalid-roster.ts";
import { writeDirectoryAtomically } from "../io/atomic-directory.ts";
import type { OutputFolderOptions } from "../io/output-folder.ts";
import { writeRoster, type RosterDirectoryOptions } from "../io/oneroster/write-roster.ts";

/**
 * The validator run elsewhere (roster-check-thread.ts) while this thread writes: the violations
 * of the rosters, or undefined when it could not tell (they are then checked on this thread).
 */
export type ConcurrentCheck = (rosters: SchoolRoster[]) => Promise<Violation[] | undefined>;

/**
 * Writes `rosters` to `out` only if they keep every hard constraint of `problem`; otherwise throws
 * InvalidRosterError and leaves `out` (and whatever was there) as it was. With `check`, the
 * validator runs there while the roster is written into the temporary folder beside `out`, which
 * replaces `out` only once the verdict is in and clean.
 */
export async function writeValidatedRoster(
  out: string,
  problem: Problem,
  rosters: SchoolRoster[],
  report: RunReport,
  folder: OutputFolderOptions,
  {
    onValidated,
    check,
    ...options
  }: RosterDirectoryOptions & { onValidated?: () => void; check?: ConcurrentCheck } = {},
): Promise<void> {
  if (check === undefined) {
    assertValidRosters(problem, rosters);
    onValidated?.();
    await writeDirectoryAtomically(out, (dir) => writeRoster(dir, problem, rosters, report, options), folder);
    return;
  }
  await writeDirectoryAtomically(
    out,
    async (dir) => {
      const verdict = check(rosters).then((violations) => {
        if (violations?.length === 0) onValidated?.();
        return violations;
      });
      await writeRoster(dir, problem, rosters, report, options);
      let violations = await verdict;
      if (violations === undefined) {
        violations = rosterViolations(problem, rosters);
        if (violations.length === 0) onValidated?.();
      }
      // Thrown inside the fill: the temporary folder is removed and `out` never sees it.
      if (violations.length > 0) throw new InvalidRosterError(violations);
    },
    folder,
  );
}
