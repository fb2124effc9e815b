/**
 * Editing a scenario in the store: the edit is checked against the school's problem as it is
 * now and the scenario as it is at the version the editor saw, and written with the next
 * version in one transaction. Two counselors editing one scenario never lose each other's
 * edits: each edit names the version it was made on, and one made on an older version is
 * refused (ScenarioVersionError, 409 over the API) rather than applied over the other's; the
 * refused editor reads the scenario again and redoes the edit on it.
 */
import {
  changeScenario,
  getScenario,
  readSchoolProblem,
  undoScenarioEdit,
  UnknownScenarioError,
  type ScenarioRecord,
  type Store,
} from "../store/index.ts";
import { applyEdit, type ScenarioEdit } from "./edits.ts";

/** The scenario of this ID at this school (UnknownScenarioError for another school's: its ID says nothing). */
export async function scenarioOf(store: Store, schoolId: string, scenarioId: number): Promise<ScenarioRecord> {
  const scenario = await getScenario(store, scenarioId);
  if (!scenario || scenario.schoolId !== schoolId) throw new UnknownScenarioError(scenarioId);
  return scenario;
}

/** Applies one edit to the scenario at `version`; refused (EditRefusedError, ScenarioVersionError) with nothing changed. */
export async function editScenario(
  store: Store,
  scenario: ScenarioRecord,
  version: number,
  author: string,
  edit: ScenarioEdit,
): Promise<ScenarioRecord> {
  const problem = await readSchoolProblem(store, scenario.schoolId);
  return changeScenario(store, scenario.scenarioId, version, author, (current) => {
    const applied = applyEdit(problem, current.sections, edit);
    return { kind: edit.kind, edit, sections: applied.sections, before: applied.before };
  });
}

/** Takes back the scenario's latest edit not yet taken back; returns the scenario and the version undone. */
export async function undoScenario(
  store: Store,
  scenario: ScenarioRecord,
  version: number,
  author: string,
): Promise<{ scenario: ScenarioRecord; undid: number }> {
  return undoScenarioEdit(store, scenario.scenarioId, version, author);
}
