import type { BuildInstance } from "./build-instance.ts";
import { chooseResources, newResources, type Resources } from "./choose-resources.ts";
import {
  capacityChanged,
  estimateScore,
  holdSeat,
  overflowOf,
  releaseSeat,
  teachersChanged,
  type LoadEstimate,
} from "./load-estimate.ts";
import { reseatStudent, type SeatSearch } from "./reseat-student.ts";
import { occupy, vacate, type ScheduleState } from "./schedule-state.ts";
import type { Random } from "./seeded-random.ts";

/** Most sections a single relocation moves at once (a move is 1, a swap 2, a Kempe chain up to this). */
export const MAX_TOUCHED = 8;

/** Everything a local-search move reads and writes, plus its scratch buffers. */
export interface SearchContext {
  inst: BuildInstance;
  state: ScheduleState;
  est: LoadEstimate;
  search: SeatSearch;
  random: Random;
  /** Students not holding a moved section that a move may still help: at most this many per relocation. */
  hopefulLimit: number;
  stamp: Uint32Array;
  stampValue: number;
  affected: Int32Array;
  nAffected: number;
  saved: Int32Array;
  resources: Resources;
  oldPeriod: Int32Array;
  oldTeacher: Int32Array;
  oldCoTeacher: Int32Array;
  oldRoom: Int32Array;
  oldOverflow: Int32Array;
  newTeacher: Int32Array;
  newCoTeacher: Int32Array;
}

/** A search context over a schedule and its estimate. */
export function newSearchContext(
  inst: BuildInstance,
  state: ScheduleState,
  est: LoadEstimate,
  search: SeatSearch,
  random: Random,
): SearchContext {
  return {
    inst,
    state,
    est,
    search,
    random,
    hopefulLimit: 40,
    stamp: new Uint32Array(inst.nStudents),
    stampValue: 0,
    affected: new Int32Array(inst.nStudents),
    nAffected: 0,
    saved: new Int32Array(inst.nGroups),
    resources: newResources(),
    oldPeriod: new Int32Array(MAX_TOUCHED),
    oldTeacher: new Int32Array(MAX_TOUCHED),
    oldCoTeacher: new Int32Array(MAX_TOUCHED),
    oldRoom: new Int32Array(MAX_TOUCHED),
    oldOverflow: new Int32Array(MAX_TOUCHED),
    newTeacher: new Int32Array(MAX_TOUCHED),
    newCoTeacher: new Int32Array(MAX_TOUCHED),
  };
}

/** Whether a relocation was impossible (resources), or was tried and kept or undone. */
export const INFEASIBLE = 0;
export const REJECTED = 1;
export const ACCEPTED = 2;

/**
 * Moves `sections[j]` to period `targets[j]` (teachers and rooms re-chosen where they are busy,
 * never breaking a hard constraint), re-seats the students it concerns, and keeps the result
 * if `accept(score change)` says so; otherwise puts everything back exactly as it was.
 */
export function tryRelocation(
  ctx: SearchContext,
  sections: ArrayLike<number>,
  targets: ArrayLike<number>,
  n: number,
  accept: (delta: number) => boolean,
): number {
  const { inst, state, est } = ctx;
  const before = estimateScore(est);
  for (let j = 0; j < n; j++) {
    const s = sections[j];
    ctx.oldPeriod[j] = state.period[s];
    ctx.oldTeacher[j] = state.teacher[s];
    ctx.oldCoTeacher[j] = state.coTeacher[s];
    ctx.oldRoom[j] = state.room[s];
    ctx.oldOverflow[j] = overflowOf(est, state, s);
  }
  for (let j = 0; j < n; j++) vacate(inst, state, sections[j]);
  for (let j = 0; j < n; j++) {
    const s = sections[j];
    if (!chooseResources(inst, state, s, targets[j], ctx.resources)) {
      for (let m = 0; m < j; m++) vacate(inst, state, sections[m]);
      restorePlacements(ctx, sections, n);
      return INFEASIBLE;
    }
    occupy(inst, state, s, targets[j], ctx.resources.teacher, ctx.resources.coTeacher, ctx.resources.room);
  }
  for (let j = 0; j < n; j++) {
    capacityChanged(est, state, sections[j], ctx.oldOverflow[j]);
    teachersChanged(inst, est, state, sections[j], ctx.oldTeacher[j], ctx.oldCoTeacher[j]);
  }

  collectAffected(ctx, sections, n);
  for (let a = 0; a < ctx.nAffected; a++) {
    const i = ctx.affected[a];
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) ctx.saved[g] = est.assign[g];
  }
  for (let a = 0; a < ctx.nAffected; a++) reseatStudent(inst, state, est, ctx.search, ctx.affected[a]);
  if (accept(estimateScore(est) - before)) return ACCEPTED;

  for (let a = 0; a < ctx.nAffected; a++) {
    const i = ctx.affected[a];
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) releaseSeat(est, state, inst, g);
  }
  for (let a = 0; a < ctx.nAffected; a++) {
    const i = ctx.affected[a];
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++)
      holdSeat(est, state, inst, g, ctx.saved[g]);
  }
  const overflowNow = ctx.oldOverflow;
  for (let j = 0; j < n; j++) {
    const s = sections[j];
    overflowNow[j] = overflowOf(est, state, s);
    ctx.newTeacher[j] = state.teacher[s];
    ctx.newCoTeacher[j] = state.coTeacher[s];
  }
  for (let j = 0; j < n; j++) vacate(inst, state, sections[j]);
  restorePlacements(ctx, sections, n);
  for (let j = 0; j < n; j++) {
    capacityChanged(est, state, sections[j], overflowNow[j]);
    teachersChanged(inst, est, state, sections[j], ctx.newTeacher[j], ctx.newCoTeacher[j]);
  }
  return REJECTED;
}

/** Re-occupies the vacated sections with the periods and resources saved in ctx. */
function restorePlacements(ctx: SearchContext, sections: ArrayLike<number>, n: number): void {
  for (let j = 0; j < n; j++) {
    const s = sections[j];
    if (ctx.oldPeriod[j] > 0)
      occupy(ctx.inst, ctx.state, s, ctx.oldPeriod[j], ctx.oldTeacher[j], ctx.oldCoTeacher[j], ctx.oldRoom[j]);
    else {
      ctx.state.teacher[s] = ctx.oldTeacher[j];
      ctx.state.coTeacher[s] = ctx.oldCoTeacher[j];
      ctx.state.room[s] = ctx.oldRoom[j];
    }
  }
}

/**
 * The students a relocation concerns: everyone holding a moved section, and a bounded sample of
 * students who could use one and are not yet well served (a group unmet, or a seat over capacity).
 */
function collectAffected(ctx: SearchContext, sections: ArrayLike<number>, n: number): void {
  const { inst, est, state } = ctx;
  const v = ++ctx.stampValue;
  ctx.nAffected = 0;
  // The sample of hopefuls is shared by all moved sections, so a long chain costs no more of them.
  let hopefuls = 0;
  for (let j = 0; j < n; j++) {
    const s = sections[j];
    const start = inst.sectionGroupStart[s];
    const count = inst.sectionGroupStart[s + 1] - start;
    if (count === 0) continue;
    const offset = Math.floor(ctx.random() * count);
    for (let e = 0; e < count; e++) {
      const g = inst.sectionGroup[start + ((e + offset) % count)];
      const i = inst.groupStudent[g];
      if (ctx.stamp[i] === v) continue;
      const held = est.assign[g];
      let take = held === s;
      if (
        !take &&
        hopefuls < ctx.hopefulLimit &&
        (est.studentUnmet[i] > 0 || (held >= 0 && est.load[held] > state.effCapacity[held]))
      ) {
        // Only if s, where it now is, fits beside the student's other seats: a direct gain.
        let lo = 0;
        let hi = 0;
        for (let h = inst.studentGroupStart[i]; h < inst.studentGroupStart[i + 1]; h++) {
          const other = est.assign[h];
          if (h === g || other < 0) continue;
          lo |= state.maskLo[other];
          hi |= state.maskHi[other];
        }
        take = (state.maskLo[s] & lo) === 0 && (state.maskHi[s] & hi) === 0;
        if (take) hopefuls++;
      }
      if (!take) continue;
      ctx.stamp[i] = v;
      ctx.affected[ctx.nAffected++] = i;
    }
  }
}
