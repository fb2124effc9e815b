import { estimateScore } from "./load-estimate.ts";
import { moveSection } from "./moves/move-section.ts";
import { ejectBlockers } from "./moves/eject-blockers.ts";
import { kempeChain } from "./moves/kempe-chain.ts";
import { swapPartnerIn, swapSections } from "./moves/swap-sections.ts";
import { ACCEPTED, INFEASIBLE, type SearchContext } from "./relocation.ts";
import { reseatStudent } from "./reseat-student.ts";
import { randomInt } from "./seeded-random.ts";
import { snapshotSchedule, type ScheduleSnapshot } from "./schedule-state.ts";
import { slotMaskHi, slotMaskLo } from "./slot-masks.ts";

/** How long the annealing runs and how hot. */
export interface AnnealPlan {
  /** Moves to try (the deterministic budget). */
  moves: number;
  /** performance.now() after which it stops anyway. */
  deadline: number;
  /** Start and end temperatures, in estimate units (60 = one priority-1 request). */
  hot: number;
  cold: number;
  /** Price of a seat over a limit during the search (the estimate's own is restored at the end). */
  overflowCost: number;
  /** Stop after this many moves without a new best score. */
  patience: number;
}

/** What the annealing did. */
export interface AnnealOutcome {
  /** The best schedule seen (at the search's overflow price), and its score; the state may end elsewhere. */
  best: ScheduleSnapshot;
  bestScore: number;
  finalScore: number;
  tried: number;
  accepted: number;
  /** Moves that no teacher, co-teacher or room assignment allowed (neither the move nor its swap). */
  infeasible: number;
  stoppedByTimeLimit: boolean;
}

/**
 * Simulated annealing over period moves (neighbourhood 1), swaps (2) and, where a move is
 * blocked by a teacher or room, a Kempe chain (4) or a move that sends the blocking sections the
 * other way (3); every step keeps the hard constraints, and each is scored by the incremental
 * load estimate. Half the moves aim at a student with an unmet request, some at an over-full
 * section, the rest are uniform. Seats over a limit are cheap during the search (plan.overflowCost):
 * measured on tight witness schools, a search that may overfill a section for a while finds
 * clash-free timetables far more often than one that must drop a request instead. Stops when the
 * estimate reaches 0, or after plan.patience moves without a new best.
 */
export function anneal(ctx: SearchContext, movable: Uint8Array, plan: AnnealPlan): AnnealOutcome {
  const { inst, state, est, random } = ctx;
  const pool: number[] = [];
  for (let s = 0; s < inst.nSections; s++) if (movable[s] && state.period[s] > 0) pool.push(s);
  const outcome: AnnealOutcome = {
    best: snapshotSchedule(state),
    bestScore: Infinity,
    finalScore: Infinity,
    tried: 0,
    accepted: 0,
    infeasible: 0,
    stoppedByTimeLimit: false,
  };
  if (pool.length === 0 || inst.nPeriods < 2) return outcome;
  let temperature = plan.hot;
  const accept = (delta: number) => delta <= 0 || random() < Math.exp(-delta / temperature);
  const ratio = plan.cold / plan.hot;
  const pick = { section: -1, target: 0 };

  const finalCost = est.overflowCost;
  est.overflowCost = plan.overflowCost;
  let best = estimateScore(est);
  let bestAt = 0;
  for (let it = 0; it < plan.moves; it++) {
    if ((it & 31) === 0) {
      if (performance.now() > plan.deadline) {
        outcome.stoppedByTimeLimit = true;
        break;
      }
      const score = estimateScore(est);
      if (score < best) {
        best = score;
        bestAt = it;
        snapshotSchedule(state, outcome.best);
      }
      if (score === 0 || it - bestAt > plan.patience) break;
      temperature = plan.hot * Math.pow(ratio, it / plan.moves);
    }
    if ((it & 255) === 255) sweepUnhappy(ctx);
    propose(ctx, movable, pool, pick);
    if (pick.section < 0) continue;
    outcome.tried++;
    let result: number;
    if (random() < 0.15) {
      // A swap even where the move is possible: in a tight timetable a swap keeps the students
      // who hold both sections whole, where a lone move breaks them.
      const partner = swapPartnerIn(ctx, pick.section, pick.target, movable);
      result = partner < 0 ? INFEASIBLE : swapSections(ctx, pick.section, partner, accept);
    } else {
      result = moveSection(ctx, pick.section, pick.target, accept);
      if (result === INFEASIBLE) result = kempeChain(ctx, pick.section, pick.target, movable, accept);
      if (result === INFEASIBLE) result = ejectBlockers(ctx, pick.section, pick.target, movable, accept);
    }
    if (result === ACCEPTED) outcome.accepted++;
    else if (result === INFEASIBLE) outcome.infeasible++;
  }
  outcome.finalScore = estimateScore(est);
  if (outcome.finalScore < best) {
    best = outcome.finalScore;
    snapshotSchedule(state, outcome.best);
  }
  outcome.bestScore = best;
  est.overflowCost = finalCost;
  return outcome;
}

/** Chooses a section and a target period: aimed at an unhappy student or an over-full section, or uniform. */
function propose(
  ctx: SearchContext,
  movable: Uint8Array,
  pool: number[],
  pick: { section: number; target: number },
): void {
  const { inst, state, est, random } = ctx;
  pick.section = -1;
  const r = random();
  if (r < 0.5 && est.unhappy.size > 0) {
    const i = est.unhappy.items[randomInt(random, est.unhappy.size)];
    const g0 = inst.studentGroupStart[i];
    const g1 = inst.studentGroupStart[i + 1];
    let unmet = -1;
    let seen = 0;
    let lo = 0;
    let hi = 0;
    for (let g = g0; g < g1; g++) {
      const s = est.assign[g];
      if (s >= 0) {
        lo |= state.maskLo[s];
        hi |= state.maskHi[s];
      } else if (randomInt(random, ++seen) === 0) unmet = g;
    }
    if (unmet < 0) return;
    if (random() < 0.6) {
      // Bring a section of the unmet request to a period where the student is free.
      const n = inst.groupOptStart[unmet + 1] - inst.groupOptStart[unmet];
      if (n === 0) return;
      const s = inst.groupOpt[inst.groupOptStart[unmet] + randomInt(random, n)];
      if (!movable[s] || state.period[s] === 0) return;
      let chosen = 0;
      let free = 0;
      for (let p = 1; p <= inst.nPeriods; p++) {
        if (p === state.period[s]) continue;
        const terms = inst.secTermMask[s];
        if (
          (slotMaskLo(inst, terms, p, inst.secLength[s]) & lo) !== 0 ||
          (slotMaskHi(inst, terms, p, inst.secLength[s]) & hi) !== 0
        )
          continue;
        if (randomInt(random, ++free) === 0) chosen = p;
      }
      if (chosen === 0) chosen = otherPeriod(ctx, state.period[s]);
      pick.section = s;
      pick.target = chosen;
      return;
    }
    // Or move one of the sections the student holds out of the way.
    const k = g1 - g0;
    const s = est.assign[g0 + randomInt(random, k)];
    if (s < 0 || !movable[s]) return;
    pick.section = s;
    pick.target = otherPeriod(ctx, state.period[s]);
    return;
  }
  if (r < 0.7 && est.overfull.size > 0) {
    const full = est.overfull.items[randomInt(random, est.overfull.size)];
    const c = inst.secCourse[full];
    const n = inst.courseSectionStart[c + 1] - inst.courseSectionStart[c];
    const s = inst.courseSections[inst.courseSectionStart[c] + randomInt(random, n)];
    if (!movable[s] || state.period[s] === 0) return;
    pick.section = s;
    pick.target = otherPeriod(ctx, state.period[s]);
    return;
  }
  const s = pool[randomInt(random, pool.length)];
  if (state.period[s] === 0) return;
  pick.section = s;
  pick.target = otherPeriod(ctx, state.period[s]);
}

/** A uniformly random period other than p. */
function otherPeriod(ctx: SearchContext, p: number): number {
  const q = 1 + randomInt(ctx.random, ctx.inst.nPeriods - 1);
  return q >= p ? q + 1 : q;
}

/** Re-seats every student with an unmet request: never worse, and catches gains the moves' samples missed. */
function sweepUnhappy(ctx: SearchContext): void {
  const { est } = ctx;
  const n = est.unhappy.size;
  const list = ctx.affected;
  for (let k = 0; k < n; k++) list[k] = est.unhappy.items[k];
  for (let k = 0; k < n; k++) reseatStudent(ctx.inst, ctx.state, est, ctx.search, list[k]);
}
