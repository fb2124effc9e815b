import { constructLoad, seatPinned } from "../construct/construct-load.ts";
import { createScheduleSearch } from "../construct/schedule-search.ts";
import { hardestFirstOrder } from "../construct/student-order.ts";
import { augmentUnmet, createAugment } from "../improve/augment-unmet.ts";
import { fillFreeSeats } from "../improve/fill-free-seats.ts";
import { rebalanceCourses, sameSlotPairs } from "../improve/rebalance-sections.ts";
import { createRuinRecreate, ruinAndRecreate } from "../improve/ruin-recreate.ts";
import { studentCeilings, studentValue, type Ceilings } from "../improve/schedule-ceiling.ts";
import type { Instance } from "../instance/instance.ts";
import type { SolveOptions, StopReason } from "../solve-options.ts";
import { installLoad } from "./install-load.ts";
import { createLoadState, type LoadState } from "./load-state.ts";
import { objectiveLength, readObjective } from "./objective.ts";
import { createRng, shuffle } from "./seeded-random.ts";
import { unmetReasons } from "./unmet-reasons.ts";

export type { StopReason } from "../solve-options.ts";

/** What a load returns: typed arrays over the instance's requests and groups, plus statistics. */
export interface LoadResult {
  /** Section of each request, -1 when unmet. */
  reqSection: Int32Array;
  /** Reason code of each unmet group (index into UNSCHEDULED_REASONS); REASON_NONE when met. */
  groupReason: Uint8Array;
  /** Final objective vector (see objective.ts): groups met per level, -alternates, full, -balance. */
  objective: Float64Array;
  /** Primary groups met (directly or by an alternate) after construction and at the end. */
  constructedMet: number;
  met: number;
  moves: number;
  improvingMoves: number;
  /** Work units (see ScheduleSearch.work) spent by the construction and by the improvement. */
  constructWork: number;
  improveWork: number;
  /** The improvement's work budget (see QUALITY_DEFAULTS). */
  workBudget: number;
  stoppedBy: StopReason;
  timings: { construct: number; improve: number; reasons: number };
}

/**
 * How hard each quality tries. The improvement stops on a work budget (ScheduleSearch.work, the
 * same on every machine) of `workPerPair` units per eligible (request, section) pair of the
 * instance, at least `minWork`, so it grows with the school. Calibrated on the high-school
 * preset (3,000 students, 530,000 pairs; about 60 million units per CPU second here): quick
 * spends ~70 ms on moves (whole solve ~0.11 s warm); full ~2 s, where the primary requests met
 * no longer grow (28,549 of the bound 28,628 for solver seeds 1-3; on preset seed 3, 8 times
 * the budget meets no more). Augmenting chains (improve/augment-unmet.ts) are charged to the
 * same budget: with them quick meets 28,522 there (28,184 before). Student ceilings, integer
 * pruning and moves aimed at a student's relaxed schedule (issue 15) buy more moves and better
 * ones with the same budget: district quick 3,895,421 primary met (3,893,351 before; gap to the
 * cheap bound 0.853%, was 0.905%), district-small 109,043 (109,013). Both stop after `stallShare` of their budget without a gain
 * (quick used to stop after the first round of moves that helped nobody, which left small
 * schools, whose rounds are a few dozen moves, short of what the rest of the budget finds).
 * Quick's floor of 3,000,000 units (1,000,000 before): a school of 700-2,000 students, whose
 * pairs give it less, got a few hundred moves (district HS-0011, 1,083 students: 189 moves
 * for a gap of 236 open after the construction). Partly paid for by charging each round's
 * scan as work (below), which had let schools one request from their bound spin: every 5th
 * school of the district, 705,726 -> 707,101 primary met (gap to the bound 0.783% -> 0.589%:
 * high 0.556% -> 0.364%, span 1.757% -> 1.380%), elementary schools' CPU 1.5 -> 0.6 s; a
 * floor of 4,000,000 met 319 more there (0.545%) for about 2% more CPU in all. `timeLimitMs` is only a
 * safety cap on the whole solve: a run it cuts is reported as stopped by "time", and only
 * such a run depends on the machine.
 */
export const QUALITY_DEFAULTS = {
  quick: { workPerPair: 8, minWork: 3_000_000, stallShare: 0.3, timeLimitMs: 10_000 },
  full: { workPerPair: 200, minWork: 20_000_000, stallShare: 0.2, timeLimitMs: 60_000 },
} as const;

/**
 * Quick's budget for a whole school of up to 400 students (options.smallSchool, set by
 * solveSchool): on such schools quick's 1,000,000-unit floor is ~20 ms of moves, a few dozen
 * rounds. Measured on the proven schools of bench:exact (seed 1), quick's shortfall from the
 * optimum, worst school in brackets: quick's budget 0.195% (0.75%) on hard-small, 0.289% (1.39%)
 * on hard-small-v1.1; this one 0.112% (0.48%) and 0.187% (1.22%); full's 0.069% (0.40%) and
 * 0.137% (0.81%). Full's costs the district's quick pass 20 s more on 2 threads (solve 44.4 ->
 * 64.4 s, for 218 more requests met); this one 0.5 s (44.9 s).
 */
export const SMALL_SCHOOL_QUICK = {
  workPerPair: 50,
  minWork: 5_000_000,
  stallShare: 0.2,
  timeLimitMs: 10_000,
} as const;

/** The budget a load runs on: its quality's, or a small school's at quick quality. */
export function budgetPreset(
  options: SolveOptions,
): (typeof QUALITY_DEFAULTS)[keyof typeof QUALITY_DEFAULTS] | typeof SMALL_SCHOOL_QUICK {
  return options.quality === "quick" && options.smallSchool ? SMALL_SCHOOL_QUICK : QUALITY_DEFAULTS[options.quality];
}

/** The improvement's work budget for an instance with a budget preset. */
export function workBudget(instance: Instance, preset: ReturnType<typeof budgetPreset>): number {
  return Math.max(preset.minWork, preset.workPerPair * instance.reqElig.length);
}

/**
 * Loads every student of the instance: pinned enrollments first, a hardest-first construction
 * with the exact per-student search, augmenting chains for the unmet groups, then
 * ruin-and-recreate rounds around unmet groups (and the chains once more) until the
 * bound `targetPrimaryMet` (primary groups met, e.g. the best cheap bound) is reached, the work
 * budget is spent, the rounds stall, options.maxMoves moves are made, or the wall clock passes
 * `deadline` (a performance.now() time; by default options.timeLimitMs from the start).
 * Deterministic for a seed unless the deadline is what stops it. A feasible `start` (section per
 * request) replaces the construction; `ceilings` (studentCeilings of this instance, computed
 * here when not given) are counted as the load's work either way.
 */
export function loadInstance(
  instance: Instance,
  options: SolveOptions,
  targetPrimaryMet = Infinity,
  start?: Int32Array,
  deadline?: number,
  ceilings?: Ceilings,
): LoadResult {
  const t0 = performance.now();
  const preset = budgetPreset(options);
  const stopAt = deadline ?? t0 + (options.timeLimitMs ?? preset.timeLimitMs);
  const rng = createRng(options.seed);
  const ws = createScheduleSearch(instance);
  ws.rng = rng;
  let st = createLoadState(instance);

  // Each student's ceiling (the most their schedule is worth, seats ignored) ends their searches
  // as soon as it is reached, and keeps the moves off students already at it (district sample
  // of 86 schools: about half the unmet groups of span schools belong to such students).
  const known = ceilings ?? studentCeilings(instance);
  ws.ceilings = known.values;
  ws.work += known.work;
  if (!start || !installLoad(st, start)) {
    if (start) st = createLoadState(instance);
    seatPinned(st);
    constructLoad(ws, st, hardestFirstOrder(instance, rng));
  }
  const constructedMet = st.counters.primaryMet;
  const constructWork = ws.work;
  const t1 = performance.now();

  const budget = workBudget(instance, preset);
  const budgetEnd = ws.work + budget;
  // Augmenting chains first: they meet most of what the moves below would, for far less work
  // (high-school preset: +703 groups for 3.0M units, where the moves found +351 in 4.3M).
  const aug = options.maxMoves !== 0 ? createAugment(st) : undefined;
  if (aug) augmentUnmet(ws, st, aug);
  const stallWork = preset.stallShare > 0 ? preset.stallShare * budget : Infinity;
  const maxMoves = options.maxMoves ?? Infinity;
  const rr = createRuinRecreate(ws, st, rng);
  const unmet = new Int32Array(instance.nGroups);
  const open = groupsWithSections(instance);
  const pairs = sameSlotPairs(instance);
  let moves = 0;
  let improving = 0;
  let lastGainWork = ws.work;
  let stoppedBy: StopReason = "stall";
  outer: for (;;) {
    if (moves >= maxMoves) {
      stoppedBy = "budget";
      break;
    }
    if (st.counters.primaryMet >= targetPrimaryMet) {
      stoppedBy = "bound";
      break;
    }
    const n = aimableGroups(st, ws.ceilings, open, unmet);
    if (n === 0) break;
    // The round's scan of every group and its rebalancing pass are work too: a school one
    // request from its bound otherwise spends its whole stall share on one-move rounds whose
    // cost is the scan (district ES-0021: 185,176 rounds, 0.45 s CPU, for nothing; 17,127
    // now). An eighth of a unit a group, about what it costs beside a section examined: a
    // whole unit took the high-school preset's quick pass from 28,522 primary met to 28,489.
    ws.work += (instance.nGroups + (pairs.length >> 1)) >> 3;
    shuffle(rng, unmet, n);
    let better = 0;
    for (let k = 0; k < n; k++) {
      const g = unmet[k];
      if (st.groupMet[g] >= 0) continue;
      moves++;
      if (ruinAndRecreate(rr, g) > 0) {
        better++;
        lastGainWork = ws.work;
      }
      if (ws.work >= budgetEnd || moves >= maxMoves) {
        stoppedBy = "budget";
        break outer;
      }
      if (ws.work - lastGainWork >= stallWork) break outer;
      if ((moves & 15) === 1 && performance.now() > stopAt) {
        stoppedBy = "time";
        break outer;
      }
    }
    improving += better;
    rebalanceCourses(st, pairs);
  }
  // Once more over what the moves left: their seats freed late open new chains (high-school
  // preset: +16 groups for 1M units).
  if (aug) augmentUnmet(ws, st, aug);
  fillFreeSeats(ws, st);
  rebalanceCourses(st, pairs);
  const t2 = performance.now();
  const groupReason = unmetReasons(st);
  const t3 = performance.now();

  return {
    reqSection: st.reqSec,
    groupReason,
    objective: readObjective(st, new Float64Array(objectiveLength(instance.nLevels))),
    constructedMet,
    met: st.counters.primaryMet,
    moves,
    improvingMoves: improving,
    constructWork,
    improveWork: ws.work - constructWork,
    workBudget: budget,
    stoppedBy,
    timings: { construct: t1 - t0, improve: t2 - t1, reasons: t3 - t2 },
  };
}

/** 1 for each group with an eligible section for some request of it (the others no move can meet). */
function groupsWithSections(inst: Instance): Uint8Array {
  const open = new Uint8Array(inst.nGroups);
  for (let g = 0; g < inst.nGroups; g++)
    open[g] = inst.reqEligStart[inst.groupReqStart[g + 1]] > inst.reqEligStart[inst.groupReqStart[g]] ? 1 : 0;
  return open;
}

/**
 * Writes into `out`, in group order, the unmet open groups of students below their ceiling: what
 * a round of moves aims at; returns how many. Student by student, so that the students with
 * every group met (most of them) cost one test and the others one sum of their schedule's value
 * (a round used to sum it once per unmet group: ~5% of the district's quick solve).
 */
function aimableGroups(st: LoadState, ceilings: Float64Array, open: Uint8Array, out: Int32Array): number {
  const inst = st.instance;
  let n = 0;
  for (let i = 0; i < inst.nStudents; i++) {
    if (st.stuUnmet[i] === 0) continue;
    let belowCeiling = -1;
    for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
      if (st.groupMet[g] >= 0 || open[g] === 0) continue;
      if (belowCeiling < 0) belowCeiling = studentValue(st, i) < ceilings[i] ? 1 : 0;
      if (belowCeiling === 0) break;
      out[n++] = g;
    }
  }
  return n;
}
