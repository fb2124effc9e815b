import type { Section } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";

/** What a placement changed of a section's given (non-empty) period, teacher, co-teacher or room. */
export interface PlacementChange {
  field: "period" | "teacher" | "co-teacher" | "room";
  given: string;
  placed: string | undefined;
}

/** The given values of a section that its placement does not keep; empty input cells may be filled freely. */
export function placementChanges(section: Section, placement: SectionPlacement): PlacementChange[] {
  const pairs: [PlacementChange["field"], string | number | undefined, string | number | undefined][] = [
    ["period", section.period, placement.period],
    ["teacher", section.teacherId, placement.teacherId],
    ["co-teacher", section.coTeacherId, placement.coTeacherId],
    ["room", section.roomId, placement.roomId],
  ];
  const changes: PlacementChange[] = [];
  for (const [field, given, placed] of pairs) {
    if (given === undefined || given === placed) continue;
    changes.push({ field, given: String(given), placed: placed === undefined ? undefined : String(placed) });
  }
  return changes;
}

/** "room A2 to Studio" or "period 1 to nothing": a change as a message says it. */
export function changeText(change: PlacementChange): string {
  return `${change.field} ${change.given} to ${change.placed ?? "nothing"}`;
}
