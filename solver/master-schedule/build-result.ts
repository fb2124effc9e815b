import type { SectionPlacement } from "../../src/domain/roster.ts";
import type { Quality } from "../solve-options.ts";

/** What every builder (the full one and the two baselines) takes besides the school. */
export interface BuildOptions {
  seed: number;
  /** Wall-clock cap on the local search; the move budget of `quality` decides otherwise. */
  timeLimitMs?: number;
  quality: Quality;
}

/** A section the builder could not give a period, and why, in words a counselor can act on. */
export interface UnplacedSection {
  sectionId: string;
  reason: string;
}

/** Figures of one build, for the report and the benchmark. */
export interface BuildStats {
  method: "random" | "greedy" | "full";
  sections: number;
  /** Sections whose period the builder chose (the rest had one given). */
  sectionsPlacedByBuilder: number;
  sectionsUnplaced: number;
  /** Primary requests (a primary with its alternates counts once). */
  primaryRequests: number;
  /** Per student, most requests that fit in distinct slots, ignoring seats: summed. */
  timeBound: number;
  /** Requests no schedule can fit (a lower bound): timeBound = primaryRequests - this is the best possible. */
  unavoidableConflicts: number;
  /** Requests met by the builder's own tentative loading (seats respected). */
  estimatedMet: number;
  /** Seats over capacity in the tentative loading when every student keeps a conflict-free schedule. */
  estimatedOverflow: number;
  /** Local-search moves tried and accepted. */
  movesTried: number;
  movesAccepted: number;
  /** Moves no teacher, co-teacher or room assignment allowed. */
  movesInfeasible: number;
  /** True when the wall-clock cap, not the move budget, ended the search (the result then depends on speed). */
  stoppedByTimeLimit: boolean;
  /** Milliseconds by phase. */
  timings: Record<string, number>;
}

/** A master schedule: every section of the school with its final period, teacher, co-teacher and room. */
export interface BuildResult {
  placements: SectionPlacement[];
  unplaced: UnplacedSection[];
  stats: BuildStats;
}
