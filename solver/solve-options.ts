import type { SchoolRoster } from "../src/domain/roster.ts";

/** How hard a run tries: a quick pass for a counselor, a full one for the nightly run. */
export type Quality = "quick" | "full";

/** What every solver entry point takes besides the problem. Same problem + same seed = same roster. */
export interface SolveOptions {
  seed: number;
  quality: Quality;
  /** Wall-clock budget for improvement, in milliseconds; the quality's default when undefined. */
  timeLimitMs?: number;
  /** Also compute the (slower) LP relaxation bound. */
  lpBound?: boolean;
  /**
   * Deterministic cap on improvement moves (the quality's default when undefined). A run stopped
   * by this cap, by reaching the bound or by stalling gives the same roster on any machine; only
   * a run cut by timeLimitMs depends on the machine's speed.
   */
  maxMoves?: number;
  /** Which LP engine computes the LP bound when lpBound is set (default highs). */
  lpEngine?: "highs" | "glpk";
}

/** Upper bounds on the number of primary requests that any roster can meet. */
export interface RequestBounds {
  /** Per course: min(requests for it, seats in its sections, teacher loads). Cheap. */
  capacity: number;
  /** Per student: most requests that fit in distinct periods. Cheap. */
  time: number;
  /** LP relaxation of the loading model, when asked for. */
  lp?: number;
  /** Lagrangian relaxation of the seat limits (full quality): per-student exact, often tighter than the LP. */
  lagrangian?: number;
  /** The best (smallest) of the above: what the report's gap is measured against. */
  best: number;
}

/** What a solver run returns for one school. */
export interface SolveOutcome {
  roster: SchoolRoster;
  bounds: RequestBounds;
  /** Milliseconds spent in the solver, by phase. */
  timings: Record<string, number>;
}
