import type { BuildInstance } from "./build-instance.ts";
import { chooseResources, newResources } from "./choose-resources.ts";
import { occupy, type ScheduleState } from "./schedule-state.ts";
import type { Random } from "./seeded-random.ts";

/**
 * The constructive pass: singletons, then doubletons, then larger courses (most conflicted
 * first), each section into the feasible period where it collides least with what is already
 * placed, by the conflict matrix: a section of course c in period p costs the sum over placed
 * sections of course c' in p of (students requesting both) / (sections of c'), so a singleton
 * shared by 30 students weighs 30 and a section of a 10-section course weighs a tenth of its
 * overlap; the sections of c itself count too, which spreads them over the periods. Sections
 * with no feasible period are left for the repair pass. "Course" here is a conflict class (a
 * team's sections of a course are a class of their own: the team's conflict matrix), and a
 * section of length L weighs on each of its L periods.
 */
export function constructGreedy(
  inst: BuildInstance,
  state: ScheduleState,
  movable: Uint8Array,
  conflicts: Float64Array,
  random: Random,
): number[] {
  const { nClasses: nc, nPeriods: np, nTerms: nt } = inst;
  const sectionsOf = new Int32Array(nc);
  for (let s = 0; s < inst.nSections; s++) if (inst.secBuildable[s]) sectionsOf[inst.secClass[s]]++;
  const degree = new Float64Array(nc);
  for (let c = 0; c < nc; c++) for (let d = 0; d < nc; d++) if (d !== c) degree[c] += conflicts[c * nc + d];

  const pressure = new Float64Array(nc * np * nt);
  const press = (s: number) => {
    const c2 = inst.secClass[s];
    const p0 = state.period[s];
    const terms = inst.secTermMask[s];
    for (let c = 0; c < nc; c++) {
      const w = conflicts[c * nc + c2];
      if (w === 0) continue;
      const share = w / Math.max(1, sectionsOf[c2]);
      for (let p = p0; p < p0 + inst.secLength[s]; p++) {
        for (let t = 0; t < nt; t++) if (terms & (1 << t)) pressure[(c * np + p - 1) * nt + t] += share;
      }
    }
  };
  for (let s = 0; s < inst.nSections; s++) if (state.period[s] > 0) press(s);

  const order: number[] = [];
  for (let s = 0; s < inst.nSections; s++) if (movable[s] && state.period[s] === 0) order.push(s);
  const tieBreak = new Float64Array(inst.nSections).map(() => random());
  order.sort((a, b) => {
    const ca = inst.secClass[a];
    const cb = inst.secClass[b];
    return (
      Math.min(sectionsOf[ca], 3) - Math.min(sectionsOf[cb], 3) ||
      degree[cb] / sectionsOf[cb] - degree[ca] / sectionsOf[ca] ||
      ca - cb ||
      tieBreak[a] - tieBreak[b]
    );
  });

  const resources = newResources();
  const left: number[] = [];
  for (const s of order) {
    const c = inst.secClass[s];
    const terms = inst.secTermMask[s];
    let termCount = 0;
    for (let t = 0; t < nt; t++) if (terms & (1 << t)) termCount++;
    let best = 0;
    let bestCost = Infinity;
    for (let p = 1; p <= np; p++) {
      if (!chooseResources(inst, state, s, p, resources)) continue;
      let cost = 0;
      for (let q = p; q < p + inst.secLength[s]; q++) {
        for (let t = 0; t < nt; t++) if (terms & (1 << t)) cost += pressure[(c * np + q - 1) * nt + t];
      }
      cost = cost / termCount + 1e-3 * random();
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
      }
    }
    if (best === 0) {
      left.push(s);
      continue;
    }
    chooseResources(inst, state, s, best, resources);
    occupy(inst, state, s, best, resources.teacher, resources.coTeacher, resources.room);
    press(s);
  }
  return left;
}
