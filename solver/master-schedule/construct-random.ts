import type { BuildInstance } from "./build-instance.ts";
import { chooseResources, newResources } from "./choose-resources.ts";
import { occupy, type ScheduleState } from "./schedule-state.ts";
import { randomInt, type Random } from "./seeded-random.ts";

/** The random baseline: sections in random order, each into a uniformly random feasible period. Returns those left over. */
export function constructRandom(
  inst: BuildInstance,
  state: ScheduleState,
  movable: Uint8Array,
  random: Random,
): number[] {
  const order: number[] = [];
  for (let s = 0; s < inst.nSections; s++) if (movable[s] && state.period[s] === 0) order.push(s);
  for (let k = order.length - 1; k > 0; k--) {
    const j = randomInt(random, k + 1);
    [order[k], order[j]] = [order[j], order[k]];
  }
  const resources = newResources();
  const left: number[] = [];
  const feasible: number[] = [];
  for (const s of order) {
    feasible.length = 0;
    for (let p = 1; p <= inst.nPeriods; p++) if (chooseResources(inst, state, s, p, resources)) feasible.push(p);
    if (feasible.length === 0) {
      left.push(s);
      continue;
    }
    const p = feasible[randomInt(random, feasible.length)];
    chooseResources(inst, state, s, p, resources);
    occupy(inst, state, s, p, resources.teacher, resources.coTeacher, resources.room);
  }
  return left;
}
