/**
 * A master-schedule scenario's sections: every section of the school with its period,
 * teacher, co-teacher and room decided (the live master schedule, as edited), and those the
 * counselor closed kept, marked, so a comparison can show them and undo can reopen them.
 */
import type { Section } from "./problem.ts";

export interface ScenarioSection extends Section {
  /** Closed in the scenario: no student may sit in it; it leaves the problem on promotion. */
  closed?: boolean;
}

/** The sections an edit changed, as they were before it: null for one the edit added. */
export interface SectionsBefore {
  sectionId: string;
  section: ScenarioSection | null;
}
