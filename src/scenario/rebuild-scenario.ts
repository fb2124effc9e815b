/**
 * Rebuild: the master-schedule builder (solver/master-schedule) places again every section of
 * the scenario the counselor did not lock (a new period and room; teachers stay), keeping the
 * locked ones where they are. Saved as one edit (kind rebuild), so one undo takes it back.
 */
import type { ScenarioSection } from "../domain/scenario.ts";
import { changeScenario, readSchoolProblem, type ScenarioRecord, type Store } from "../store/index.ts";
import { EditRefusedError } from "./edits.ts";
import { newConflicts } from "./schedule-conflicts.ts";
import { scenarioProblem } from "./scenario-problem.ts";
import type { LoadSchool } from "./loaders.ts";

export interface RebuildOutcome {
  scenario: ScenarioRecord;
  /** Sections the builder placed in another period than before. */
  moved: number;
  /** Sections the builder could not place (they hold nobody until placed by hand). */
  unplaced: string[];
}

/** The open sections the builder may place again: not locked, not closed. */
function unlockedOpen(section: ScenarioSection): boolean {
  return !section.locked && !section.closed;
}

/** Rebuilds the scenario at `version` keeping what is locked; `load` runs the builder and a load (the API: on its pool). */
export async function rebuildScenario(
  store: Store,
  scenario: ScenarioRecord,
  version: number,
  author: string,
  load: LoadSchool,
): Promise<RebuildOutcome> {
  const problem = await readSchoolProblem(store, scenario.schoolId);
  const cleared = scenario.sections.map((s) => {
    if (!unlockedOpen(s)) return s;
    const { period: _, roomId: __, ...rest } = s;
    return rest;
  });
  // A section without a period or room makes the school's run build its master schedule first.
  const built = await load.load(scenarioProblem(problem, cleared), scenario.seed);
  const placement = new Map(built.roster.sections.map((p) => [p.sectionId, p]));
  let moved = 0;
  const unplaced: string[] = [];
  const scenarioAfter = await changeScenario(store, scenario.scenarioId, version, author, (current) => {
    const before = current.sections;
    const sections = before.map((s) => {
      if (!unlockedOpen(s)) return s;
      const p = placement.get(s.sectionId);
      const next: ScenarioSection = { ...s };
      delete next.period;
      delete next.roomId;
      if (p?.period !== undefined) next.period = p.period;
      else unplaced.push(s.sectionId);
      if (p?.roomId !== undefined) next.roomId = p.roomId;
      if (next.period !== s.period) moved++;
      return next;
    });
    const conflicts = newConflicts(problem, before, sections);
    if (conflicts.length > 0) throw new EditRefusedError(conflicts);
    const changed = before.filter((s, i) => JSON.stringify(s) !== JSON.stringify(sections[i]));
    return {
      kind: "rebuild",
      edit: { kind: "rebuild" },
      sections,
      before: changed.map((s) => ({ sectionId: s.sectionId, section: s })),
    };
  });
  return { scenario: scenarioAfter, moved, unplaced };
}
