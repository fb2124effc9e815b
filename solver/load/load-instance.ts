import { constructLoad, seatPinned } from "../construct/construct-load.ts";
import { createScheduleSearch } from "../construct/schedule-search.ts";
import { hardestFirstOrder } from "../construct/student-order.ts";
import { fillFreeSeats } from "../improve/fill-free-seats.ts";
import { rebalanceCourses, sameSlotPairs } from "../improve/rebalance-sections.ts";
import { createRuinRecreate, ruinAndRecreate } from "../improve/ruin-recreate.ts";
import type { Instance } from "../instance/instance.ts";
import type { SolveOptions } from "../solve-options.ts";
import { installLoad } from "./install-load.ts";
import { createLoadState } from "./load-state.ts";
import { objectiveLength, readObjective } from "./objective.ts";
import { createRng, shuffle } from "./seeded-random.ts";
import { unmetReasons } from "./unmet-reasons.ts";

/** Why the improvement stopped. */
export type StopReason = "bound" | "stall" | "moves" | "time";

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
  stoppedBy: StopReason;
  timings: { construct: number; improve: number; reasons: number };
}

/** Improvement defaults of each quality: wall-clock budget, moves per unmet group, moves without gain before stopping. */
export const QUALITY_DEFAULTS = {
  quick: { timeLimitMs: 70, movesPerGroup: 2, stallMoves: 0 },
  full: { timeLimitMs: 7500, movesPerGroup: 2000, stallMoves: 60000 },
} as const;

/**
 * Loads every student of the instance: pinned enrollments first, a hardest-first construction
 * with the exact per-student search, then ruin-and-recreate rounds around unmet groups until the
 * bound `targetPrimaryMet` (primary groups met, e.g. the best cheap bound) is reached, the rounds stall, the move cap or the time limit.
 * Deterministic for a seed unless the wall-clock limit is what stops it. A feasible `start`
 * (section per request) replaces the construction.
 */
export function loadInstance(
  instance: Instance,
  options: SolveOptions,
  targetPrimaryMet = Infinity,
  start?: Int32Array,
): LoadResult {
  const preset = QUALITY_DEFAULTS[options.quality];
  const timeLimit = options.timeLimitMs ?? preset.timeLimitMs;
  const rng = createRng(options.seed);
  const ws = createScheduleSearch(instance);
  ws.rng = rng;
  let st = createLoadState(instance);

  const t0 = performance.now();
  if (!start || !installLoad(st, start)) {
    if (start) st = createLoadState(instance);
    seatPinned(st);
    constructLoad(ws, st, hardestFirstOrder(instance, rng));
  }
  const constructedMet = st.counters.primaryMet;
  const t1 = performance.now();

  const maxMoves = options.maxMoves ?? Math.max(1000, preset.movesPerGroup * instance.nGroups);
  const deadline = t1 + timeLimit;
  const rr = createRuinRecreate(ws, st, rng);
  const unmet = new Int32Array(instance.nGroups);
  const pairs = sameSlotPairs(instance);
  let moves = 0;
  let improving = 0;
  let lastBetter = 0;
  let stoppedBy: StopReason = "stall";
  outer: for (;;) {
    if (maxMoves <= 0) {
      stoppedBy = "moves";
      break;
    }
    if (st.counters.primaryMet >= targetPrimaryMet) {
      stoppedBy = "bound";
      break;
    }
    let n = 0;
    for (let g = 0; g < instance.nGroups; g++) {
      if (st.groupMet[g] < 0 && instance.reqEligStart[instance.groupReqStart[g + 1]] > instance.reqEligStart[instance.groupReqStart[g]]) {
        unmet[n++] = g;
      }
    }
    if (n === 0) break;
    shuffle(rng, unmet, n);
    let better = 0;
    for (let k = 0; k < n; k++) {
      const g = unmet[k];
      if (st.groupMet[g] >= 0) continue;
      moves++;
      if (ruinAndRecreate(rr, g) > 0) {
        better++;
        lastBetter = moves;
      }
      if (preset.stallMoves > 0 && moves - lastBetter >= preset.stallMoves) break outer;
      if (moves >= maxMoves) {
        stoppedBy = "moves";
        break outer;
      }
      if ((moves & 31) === 0 && performance.now() > deadline) {
        stoppedBy = "time";
        break outer;
      }
    }
    improving += better;
    rebalanceCourses(st, pairs);
    // Quick: until a round helps no more. Full: until no move has helped for a long while.
    if (preset.stallMoves === 0 ? better === 0 : moves - lastBetter >= preset.stallMoves) break;
  }
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
    stoppedBy,
    timings: { construct: t1 - t0, improve: t2 - t1, reasons: t3 - t2 },
  };
}
