import type { Section } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";

/** What a placement changed of a section's given (non-empty) period, teacher, co-teacher or room. */
export interface PlacementChange {
  field: "period" | "teacher" | "co-teacher" | "room";
  given: string;
  placed: string | undefined;
}

/** No change: what most placements give (one shared list rather than a new empty one per section). */
const NO_CHANGES: readonly PlacementChange[] = Object.freeze([]);

/** Whether a placement keeps a given value (an empty input cell may be filled freely). */
function keeps(given: string | number | undefined, placed: string | number | undefined): boolean {
  return given === undefined || given === placed;
}

/**
 * The given values of a section that its placement does not keep; empty input cells may be
 * filled freely. A placement that keeps them all (a valid roster's every one) is answered
 * without a list: the four fields listed per section were a tenth of the validator's garbage
 * on a district.
 */
export function placementChanges(section: Section, placement: SectionPlacement): readonly PlacementChange[] {
  if (
    keeps(section.period, placement.period) &&
    keeps(section.teacherId, placement.teacherId) &&
    keeps(section.coTeacherId, placement.coTeacherId) &&
    keeps(section.roomId, placement.roomId)
  ) {
    return NO_CHANGES;
  }
  const pairs: [PlacementChange["field"], string | number | undefined, string | number | undefined][] = [
    ["period", section.period, placement.period],
    ["teacher", section.teacherId, placement.teacherId],
    ["co-teacher", section.coTeacherId, placement.coTeacherId],
    ["room", section.roomId, placement.roomId],
  ];
  const changes: PlacementChange[] = [];
  for (const [field, given, placed] of pairs) {
    if (keeps(given, placed)) continue;
    changes.push({ field, given: String(given), placed: placed === undefined ? undefined : String(placed) });
  }
  return changes;
}

/** "room A2 to Studio" or "period 1 to nothing": a change as a message says it. */
export function changeText(change: PlacementChange): string {
  return `${change.field} ${change.given} to ${change.placed ?? "nothing"}`;
}
