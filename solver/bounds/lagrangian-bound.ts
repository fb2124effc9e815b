import {
  beginPosition,
  createScheduleSearch,
  IGNORE_LOADS,
  endPosition,
  offerCandidate,
  resetSearch,
  runScheduleSearch,
} from "../construct/schedule-search.ts";
import { UNLIMITED, type Instance } from "../instance/instance.ts";

/**
 * Lagrangian bound on primary requests met, for schools too large for the LP: seat limits
 * (section capacity, IEP capacity, teacher max_students) move into the objective with prices,
 * and what remains splits into one small problem per student (at most one section per group,
 * no two in one slot), solved exactly by the loader's branch and bound. Any prices give an
 * upper bound; subgradient steps (Polyak, aimed at `lowerBound`, the best load known) lower it.
 * Returns the smallest bound seen (fractional; floor it for a count).
 */
export function lagrangianBound(
  inst: Instance,
  options: { iterations: number; lowerBound?: number; timeLimitMs?: number; nodeLimit?: number },
): number {
  const deadline = performance.now() + (options.timeLimitMs ?? Infinity);
  const ws = createScheduleSearch(inst);
  ws.teacherLoad = IGNORE_LOADS;
  // A student whose search hits the limit counts every group at its best (still a bound): a
  // low limit costs little tightness and keeps slow iterations rare.
  ws.nodeLimit = options.nodeLimit ?? 2000;
  const price = new Float64Array(inst.nSections);
  const iepPrice = new Float64Array(inst.nSections);
  const teacherPrice = new Float64Array(inst.nTeachers);
  const load = new Float64Array(inst.nSections);
  const iepLoad = new Float64Array(inst.nSections);
  const teacherLoad = new Float64Array(inst.nTeachers);
  let groups = 0;
  for (let g = 0; g < inst.nGroups; g++) groups += inst.groupPrimary[g];
  const target = options.lowerBound ?? 0;
  let best = groups;
  let theta = 1;
  let sinceBetter = 0;

  for (let it = 0; it < options.iterations; it++) {
    load.fill(0);
    iepLoad.fill(0);
    teacherLoad.fill(0);
    let value = 0;
    for (let s = 0; s < inst.nSections; s++) {
      value += price[s] * inst.secCapacity[s];
      if (inst.secIepCapacity[s] < UNLIMITED) value += iepPrice[s] * inst.secIepCapacity[s];
    }
    for (let t = 0; t < inst.nTeachers; t++) {
      if (inst.teacherMaxStudents[t] < UNLIMITED) value += teacherPrice[t] * inst.teacherMaxStudents[t];
    }
    for (let i = 0; i < inst.nStudents; i++) {
      value += studentProblem(inst, ws, i, price, iepPrice, teacherPrice, load, iepLoad, teacherLoad);
    }
    if (value < best - 1e-9) {
      best = value;
      sinceBetter = 0;
    } else if (++sinceBetter >= 5) {
      theta /= 2;
      sinceBetter = 0;
    }
    if (Math.floor(best + 1e-6) <= target || performance.now() > deadline) break;

    // Subgradient of the relaxed rows: seats left (negative when over).
    let norm = 0;
    for (let s = 0; s < inst.nSections; s++) {
      const gs = inst.secCapacity[s] - load[s];
      if (gs < 0 || price[s] > 0) norm += gs * gs;
      if (inst.secIepCapacity[s] < UNLIMITED) {
        const gi = inst.secIepCapacity[s] - iepLoad[s];
        if (gi < 0 || iepPrice[s] > 0) norm += gi * gi;
      }
    }
    for (let t = 0; t < inst.nTeachers; t++) {
      if (inst.teacherMaxStudents[t] >= UNLIMITED) continue;
      const gt = inst.teacherMaxStudents[t] - teacherLoad[t];
      if (gt < 0 || teacherPrice[t] > 0) norm += gt * gt;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(value - target, 1)) / norm;
    for (let s = 0; s < inst.nSections; s++) {
      price[s] = Math.max(0, price[s] - step * (inst.secCapacity[s] - load[s]));
      if (inst.secIepCapacity[s] < UNLIMITED)
        iepPrice[s] = Math.max(0, iepPrice[s] - step * (inst.secIepCapacity[s] - iepLoad[s]));
    }
    for (let t = 0; t < inst.nTeachers; t++) {
      if (inst.teacherMaxStudents[t] < UNLIMITED) {
        teacherPrice[t] = Math.max(0, teacherPrice[t] - step * (inst.teacherMaxStudents[t] - teacherLoad[t]));
      }
    }
  }
  return best;
}

/** Student i's best schedule at the given prices; adds its seats to the loads and returns its value. */
function studentProblem(
  inst: Instance,
  ws: ReturnType<typeof createScheduleSearch>,
  i: number,
  price: Float64Array,
  iepPrice: Float64Array,
  teacherPrice: Float64Array,
  load: Float64Array,
  iepLoad: Float64Array,
  teacherLoad: Float64Array,
): number {
  const iep = inst.studentIep[i] === 1;
  const g0 = inst.studentGroupStart[i];
  const g1 = inst.studentGroupStart[i + 1];
  resetSearch(ws, g1 - g0);
  for (let g = g0; g < g1; g++) {
    if (!inst.groupPrimary[g]) continue;
    beginPosition(ws);
    for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
      for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
        const s = inst.reqElig[e];
        let v = 1 - price[s];
        if (iep) v -= iepPrice[s];
        const t = inst.secTeacher[s];
        const u = inst.secCoTeacher[s];
        if (t >= 0) v -= teacherPrice[t];
        if (u >= 0 && u !== t) v -= teacherPrice[u];
        if (v > 1e-12) offerCandidate(ws, r, s, v);
      }
    }
    endPosition(ws, g);
  }
  const d = ws.nGroups;
  if (d === 0) return 0;
  runScheduleSearch(ws, 0, 0, false);
  // Cut short by the node limit, the search proves nothing: count every group at its best.
  if (ws.nodes > ws.nodeLimit) return ws.suffix[0];
  for (let p = 0; p < d; p++) {
    const pick = ws.bestChoice[p];
    if (pick < 0) continue;
    const s = ws.candSec[pick];
    load[s]++;
    if (iep) iepLoad[s]++;
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    if (t >= 0) teacherLoad[t]++;
    if (u >= 0 && u !== t) teacherLoad[u]++;
  }
  return ws.best;
}
