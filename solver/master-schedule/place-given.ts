import type { BuildInstance } from "./build-instance.ts";
import { chooseResources, newResources } from "./choose-resources.ts";
import { occupy, type ScheduleState } from "./schedule-state.ts";

/** Puts every section with a given period in it (choosing teachers and rooms it lacks); records those that cannot be. */
export function placeGiven(inst: BuildInstance, state: ScheduleState, unplaced: Map<number, string>): void {
  const resources = newResources();
  // Sections with nothing to choose first, so that a chosen teacher or room never takes one that
  // a later section was given.
  for (const pass of [0, 1]) {
    for (let s = 0; s < inst.nSections; s++) {
      const p = inst.secGivenPeriod[s];
      if (!inst.secBuildable[s] || p === 0) continue;
      const chooses = inst.secNeedsTeacher[s] || inst.secNeedsCoTeacher[s] || inst.secNeedsRoom[s] ? 1 : 0;
      if (chooses !== pass) continue;
      if (chooseResources(inst, state, s, p, resources))
        occupy(inst, state, s, p, resources.teacher, resources.coTeacher, resources.room);
      else unplaced.set(s, `its given period ${p} has no free teacher or room for it`);
    }
  }
}

/** Sections whose period the builder chooses: buildable, no period given. */
export function movableSections(inst: BuildInstance): Uint8Array {
  const movable = new Uint8Array(inst.nSections);
  for (let s = 0; s < inst.nSections; s++) movable[s] = inst.secBuildable[s] && inst.secGivenPeriod[s] === 0 ? 1 : 0;
  return movable;
}
