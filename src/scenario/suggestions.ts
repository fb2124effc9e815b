/**
 * Where a section could go: each period it may move to (no hard constraint broken), with the
 * stable what-if of that move (stable-load.ts) against the scenario as it is, best first: more primary requests met
 * (most important priority first), then more full schedules, then fewer students moved, then
 * fewer conflicts by the matrix. The loads run side by side wherever `load` runs them.
 */
import { liveRoster, readSchoolProblemVersioned, type ScenarioRecord, type Store } from "../store/index.ts";
import { NoLiveScheduleError } from "./scenario-errors.ts";
import { applyEdit } from "./edits.ts";
import { periodCosts, type PeriodCost } from "./period-costs.ts";
import type { LoadSchool } from "./loaders.ts";
import { stableWhatIfBetween } from "./preview-edit.ts";
import type { WhatIf } from "./what-if.ts";

export interface Suggestion {
  period: number;
  /** The edit that makes the move (with another room when the section's own is taken then). */
  edit: { kind: "move"; sectionId: string; period: number; roomId?: string };
  studentsInConflict: number;
  studentsBlocked: number;
  /** The move's stable what-if against the scenario as it is (not its starting point). */
  whatIf: Omit<WhatIf, "start" | "now">;
}

export interface Suggestions {
  sectionId: string;
  version: number;
  currentPeriod?: number;
  suggestions: Suggestion[];
  /** Periods it may not move to, each with the conflicts that forbid it. */
  refused: Pick<PeriodCost, "period" | "conflicts">[];
}

/** Orders two what-ifs: negative when `a` is the better move. */
function better(a: WhatIf, b: WhatIf): number {
  const levels = [...new Set([...a.delta.byPriority, ...b.delta.byPriority].map((t) => t.priority))].sort(
    (x, y) => x - y,
  );
  for (const p of levels) {
    const [x, y] = [
      a.delta.byPriority.find((t) => t.priority === p)?.met ?? 0,
      b.delta.byPriority.find((t) => t.priority === p)?.met ?? 0,
    ];
    if (x !== y) return y - x;
  }
  return b.delta.fullSchedules - a.delta.fullSchedules || a.changedStudents.count - b.changedStudents.count;
}

/** Every period the section may move to, with its what-if, best first. */
export async function suggestPeriods(
  store: Store,
  scenario: ScenarioRecord,
  sectionId: string,
  load: LoadSchool,
): Promise<Suggestions> {
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, scenario.schoolId);
  const costs = periodCosts(problem, scenario.sections, sectionId);
  const live = await liveRoster(store, scenario.schoolId);
  if (!live) throw new NoLiveScheduleError(scenario.schoolId);
  // Stable loads from the live roster on both sides: the difference is the move's, not a re-run's reshuffle.
  const at = { problem, problemVersion, live, seed: scenario.seed };
  const candidates = costs.filter((c) => c.allowed && !c.current);
  const tried = await Promise.all(
    candidates.map(async (cost) => {
      const edit = {
        kind: "move" as const,
        sectionId,
        period: cost.period,
        ...(cost.roomId === undefined ? {} : { roomId: cost.roomId }),
      };
      const moved = applyEdit(problem, scenario.sections, edit).sections;
      return { cost, edit, whatIf: await stableWhatIfBetween(store, load, at, scenario.sections, moved) };
    }),
  );
  tried.sort(
    (a, b) =>
      better(a.whatIf, b.whatIf) ||
      a.cost.studentsInConflict - b.cost.studentsInConflict ||
      a.cost.period - b.cost.period,
  );
  return {
    sectionId,
    version: scenario.version,
    currentPeriod: scenario.sections.find((s) => s.sectionId === sectionId)?.period,
    suggestions: tried.map(({ cost, edit, whatIf: { start: _, now: __, ...rest } }) => ({
      period: cost.period,
      edit,
      studentsInConflict: cost.studentsInConflict,
      studentsBlocked: cost.studentsBlocked,
      whatIf: rest,
    })),
    refused: costs.filter((c) => !c.allowed).map(({ period, conflicts }) => ({ period, conflicts })),
  };
}
