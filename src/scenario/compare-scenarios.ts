/**
 * Two master schedules side by side: two scenarios of one school, or a scenario and the live
 * roster. Each side's figures (its what-if load; the live roster as published), the sections
 * placed differently, and the students whose schedules differ.
 */
import type { SectionPlacement } from "../domain/roster.ts";
import type { ScenarioSection } from "../domain/scenario.ts";
import { liveRoster, readSchoolProblemVersioned, type ScenarioRecord, type Store } from "../store/index.ts";
import { NoLiveScheduleError } from "./scenario-errors.ts";
import { liveSide } from "./scenario-what-if.ts";
import { cachedLoad } from "./what-if-cache.ts";
import type { LoadSchool } from "./loaders.ts";
import { studentsWhoseScheduleChanges, summarize, type Loaded, type LoadSummary } from "./what-if.ts";

export interface ScheduleSide {
  /** "scenario 12 (version 4)" or "live roster (run 7)". */
  label: string;
  summary: LoadSummary;
}

export interface SectionDifference {
  sectionId: string;
  a?: SectionPlacement & { capacity: number; closed?: boolean };
  b?: SectionPlacement & { capacity: number; closed?: boolean };
}

export interface Comparison {
  a: ScheduleSide;
  b: ScheduleSide;
  sections: SectionDifference[];
  changedStudents: { count: number; studentIds: string[] };
}

function placementOf(s: ScenarioSection): SectionPlacement & { capacity: number; closed?: boolean } {
  return {
    sectionId: s.sectionId,
    capacity: s.capacity,
    ...(s.period === undefined ? {} : { period: s.period }),
    ...(s.teacherId === undefined ? {} : { teacherId: s.teacherId }),
    ...(s.coTeacherId === undefined ? {} : { coTeacherId: s.coTeacherId }),
    ...(s.roomId === undefined ? {} : { roomId: s.roomId }),
    ...(s.closed ? { closed: true } : {}),
  };
}

/** The sections placed differently (period, teacher, co-teacher, room, capacity, closed, or present on one side only). */
export function sectionDifferences(a: readonly ScenarioSection[], b: readonly ScenarioSection[]): SectionDifference[] {
  const other = new Map(b.map((s) => [s.sectionId, s]));
  const differences: SectionDifference[] = [];
  for (const s of a) {
    const t = other.get(s.sectionId);
    other.delete(s.sectionId);
    const [x, y] = [placementOf(s), t && placementOf(t)];
    if (JSON.stringify(x) !== JSON.stringify(y))
      differences.push({ sectionId: s.sectionId, a: x, ...(y ? { b: y } : {}) });
  }
  for (const t of other.values()) differences.push({ sectionId: t.sectionId, b: placementOf(t) });
  return differences;
}

/** A scenario against another scenario of its school, or against the live roster (`against` = "live"). */
export async function compareScenario(
  store: Store,
  scenario: ScenarioRecord,
  against: ScenarioRecord | "live",
  load: LoadSchool,
): Promise<Comparison> {
  const { problem, problemVersion } = await readSchoolProblemVersioned(store, scenario.schoolId);
  const side = async (
    record: ScenarioRecord,
  ): Promise<{ label: string; loaded: Loaded; sections: ScenarioSection[] }> => ({
    label: `scenario ${record.scenarioId} "${record.name}" (version ${record.version})`,
    loaded: await cachedLoad(store, load, problem, problemVersion, record.sections, record.seed),
    sections: record.sections,
  });
  const a = await side(scenario);
  let b: { label: string; loaded: Loaded; sections: ScenarioSection[] };
  if (against === "live") {
    const live = await liveRoster(store, scenario.schoolId);
    if (!live) throw new NoLiveScheduleError(scenario.schoolId);
    b = { label: `live roster (run ${live.runId})`, ...liveSide(problem, live) };
  } else {
    b = await side(against);
  }
  const changed = studentsWhoseScheduleChanges(a.loaded.roster, b.loaded.roster);
  return {
    a: { label: a.label, summary: summarize(a.loaded, a.sections) },
    b: { label: b.label, summary: summarize(b.loaded, b.sections) },
    sections: sectionDifferences(a.sections, b.sections),
    changedStudents: { count: changed.length, studentIds: changed },
  };
}
