import type { SchoolProblem } from "../../src/domain/problem.ts";
import { anneal } from "./anneal.ts";
import { compileBuildInstance } from "./build-instance.ts";
import type { BuildOptions, BuildResult, BuildStats, UnplacedSection } from "./build-result.ts";
import { classConflictCounts } from "./conflict-matrix.ts";
import { constructGreedy } from "./construct-greedy.ts";
import { constructRandom } from "./construct-random.ts";
import { emptyEstimate, type LoadEstimate } from "./load-estimate.ts";
import { movableSections, placeGiven } from "./place-given.ts";
import { newSearchContext } from "./relocation.ts";
import { repairUnplaced } from "./repair-unplaced.ts";
import { newSeatSearch, reseatStudent } from "./reseat-student.ts";
import { emptySchedule, restoreSchedule, setCoTeacher, setTeacher } from "./schedule-state.ts";
import { seededRandom } from "./seeded-random.ts";
import { matchTeachers } from "./teacher-matching.ts";
import { timeBound } from "./time-bound.ts";
import { toPlacements } from "./to-placements.ts";
import { unavoidableConflicts } from "./unavoidable-conflicts.ts";
import { whyUnplaced } from "./why-unplaced.ts";

/**
 * Moves and patience (moves without a new best) per movable section, with floors for small
 * schools (whose moves are cheap), and the wall-clock cap, of each quality.
 */
const BUDGET = {
  quick: { movesPerSection: 150, minMoves: 30_000, patiencePerSection: 5, minPatience: 8_000, timeLimitMs: 10_000 },
  full: { movesPerSection: 2_000, minMoves: 300_000, patiencePerSection: 25, minPatience: 40_000, timeLimitMs: 50_000 },
} as const;
/** Search nodes per student re-seat: enough for a clash-free choice among a handful of periods. */
const RESEAT_NODES = 400;

/**
 * Builds the master schedule of one school: teachers and co-teachers matched to the sections
 * lacking them, given periods kept, the rest placed singletons-first by the conflict matrix,
 * then simulated annealing over period moves and swaps scored by an incremental tentative
 * loading. Pure; deterministic per seed unless the time limit cuts the search short (the stats
 * say so). Run checkBuildable first: what cannot be built is reported in `unplaced`.
 */
export function buildMasterSchedule(problem: SchoolProblem, options: BuildOptions): BuildResult {
  return runBuilder(problem, options, "full");
}

/** Baseline: the greedy conflict-matrix construction alone, no local search. */
export function greedyPlacement(problem: SchoolProblem, options: BuildOptions): BuildResult {
  return runBuilder(problem, options, "greedy");
}

/** Baseline: every section in a uniformly random feasible period. */
export function randomPlacement(problem: SchoolProblem, options: BuildOptions): BuildResult {
  return runBuilder(problem, options, "random");
}

/** The shared pipeline; `method` says how far it goes. */
function runBuilder(problem: SchoolProblem, options: BuildOptions, method: BuildStats["method"]): BuildResult {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = now - phaseStart;
    phaseStart = now;
  };
  const budget = BUDGET[options.quality];
  const deadline = started + (options.timeLimitMs ?? budget.timeLimitMs);
  const random = seededRandom(options.seed);

  const inst = compileBuildInstance(problem);
  const state = emptySchedule(inst);
  const matching = matchTeachers(inst);
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    if (inst.secNeedsTeacher[s]) setTeacher(state, s, matching.teacher[s]);
    if (inst.secNeedsCoTeacher[s]) setCoTeacher(state, s, matching.coTeacher[s]);
  }
  const movable = movableSections(inst);
  const unplacedReason = new Map<number, string>();
  placeGiven(inst, state, unplacedReason);
  phase("compile");

  const left =
    method === "random"
      ? constructRandom(inst, state, movable, random)
      : constructGreedy(inst, state, movable, classConflictCounts(inst), random);
  for (const s of repairUnplaced(inst, state, movable, left, random))
    unplacedReason.set(s, whyUnplaced(inst, state, s));
  phase("construct");

  let est = emptyEstimate(inst);
  const search = newSeatSearch(inst, RESEAT_NODES);
  seatEveryone(inst.nStudents, (i) => reseatStudent(inst, state, est, search, i), est);
  phase("estimate");

  let movesTried = 0;
  let movesAccepted = 0;
  let movesInfeasible = 0;
  let stoppedByTimeLimit = false;
  if (method === "full") {
    const ctx = newSearchContext(inst, state, est, search, random);
    let nMovable = 0;
    for (let s = 0; s < inst.nSections; s++) nMovable += movable[s];
    const outcome = anneal(ctx, movable, {
      moves: Math.max(budget.minMoves, budget.movesPerSection * nMovable),
      deadline,
      hot: 150,
      cold: 5,
      overflowCost: 8,
      patience: Math.max(budget.minPatience, budget.patiencePerSection * nMovable),
    });
    if (outcome.bestScore < outcome.finalScore) {
      // Annealing wanders: come back to the best schedule it saw, and seat everyone afresh on it.
      restoreSchedule(inst, state, outcome.best);
      est = emptyEstimate(inst);
      ctx.est = est;
    }
    movesTried = outcome.tried;
    movesAccepted = outcome.accepted;
    movesInfeasible = outcome.infeasible;
    stoppedByTimeLimit = outcome.stoppedByTimeLimit;
    // A final pass: students re-seated once more against the settled schedule.
    seatEveryone(inst.nStudents, (i) => reseatStudent(inst, state, est, search, i), est);
    phase("search");
  }

  const bound = timeBound(inst, state);
  phase("timeBound");
  const unplaced: UnplacedSection[] = [];
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) {
      unplaced.push({
        sectionId: inst.sectionIds[s],
        reason: inst.secCourse[s] < 0 ? "its course is unknown" : "its section_id is used twice",
      });
    } else if (state.period[s] === 0) {
      unplaced.push({ sectionId: inst.sectionIds[s], reason: unplacedReason.get(s) ?? whyUnplaced(inst, state, s) });
    }
  }
  let primaries = 0;
  let primariesMet = 0;
  for (let g = 0; g < inst.nGroups; g++) {
    if (!inst.groupPrimary[g]) continue;
    primaries++;
    if (est.assign[g] >= 0) primariesMet++;
  }
  let placedByBuilder = 0;
  for (let s = 0; s < inst.nSections; s++) if (movable[s] && state.period[s] > 0) placedByBuilder++;
  timings.total = performance.now() - started;
  return {
    placements: toPlacements(problem, inst, state),
    unplaced,
    stats: {
      method,
      sections: inst.nSections,
      sectionsPlacedByBuilder: placedByBuilder,
      sectionsUnplaced: unplaced.length,
      primaryRequests: primaries,
      timeBound: bound,
      unavoidableConflicts: unavoidableConflicts(inst),
      estimatedMet: primariesMet,
      estimatedOverflow: est.overflow,
      movesTried,
      movesAccepted,
      movesInfeasible,
      stoppedByTimeLimit,
      timings,
    },
  };
}

/** Seats every student in input order, then once more those left with an unmet request. */
function seatEveryone(nStudents: number, reseat: (i: number) => void, est: LoadEstimate): void {
  for (let i = 0; i < nStudents; i++) reseat(i);
  const again = Array.from(est.unhappy.items.subarray(0, est.unhappy.size)).sort((a, b) => a - b);
  for (const i of again) reseat(i);
}
