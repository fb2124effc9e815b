import type { SchoolRoster } from "../src/domain/roster.ts";

/** How hard a run tries: a quick pass for a counselor, a full one for the nightly run. */
export type Quality = "quick" | "full";

/** What every solver entry point takes besides the problem. Same problem + same seed = same roster. */
export interface SolveOptions {
  seed: number;
  quality: Quality;
  /**
   * Safety cap on the wall-clock time of the whole solve, in milliseconds (the quality's default,
   * well above its normal run time, when undefined). Each quality normally stops on a
   * deterministic work budget, so the same problem and seed give the same roster on any machine
   * and under any load; only a run this cap cuts short depends on the machine, and its outcome
   * says so (stoppedBy "time").
   */
  timeLimitMs?: number;
  /** Also compute the (slower) LP relaxation bound. */
  lpBound?: boolean;
  /** Also compute the Lagrangian bound (slow: each iteration solves every student; off by default). */
  lagrangianBound?: boolean;
  /**
   * A whole school of up to 400 students, set by solveSchool: quick then runs on a bigger work
   * budget (solver/load/load-instance.ts SMALL_SCHOOL_QUICK).
   */
  smallSchool?: boolean;
  /** An extra deterministic cap on improvement moves (tests use it to keep runs small). */
  maxMoves?: number;
  /** Which LP engine computes the LP bound when lpBound is set (default highs). */
  lpEngine?: "highs" | "glpk";
  /**
   * Quick: the LP-guided search of a small whole school left more than 1% below its bound
   * (solver/exact/lp-guided-load.ts); default on. A run of many schools turns it off
   * (src/district/schedule-of-run.ts): on the district preset it cost 39 s of CPU for 30 requests.
   */
  lpGuided?: boolean;
}

/** Upper bounds on the number of primary requests that any roster can meet. */
export interface RequestBounds {
  /** Per course: the most groups that get a seat at all (a max flow over seats cut to teacher loads). Cheap. */
  capacity: number;
  /** Per student: most requests that fit in distinct periods. Cheap. */
  time: number;
  /**
   * Both at once: a max flow where each student sends at most their time bound and each group
   * takes a seat of one of its sections (at most capacity and time).
   */
  seatTime?: number;
  /**
   * Seats counted per slot of each student's day (solver/bounds/slot-flow-bound.ts): computed
   * after the load, only when the load is below the other bounds.
   */
  slotFlow?: number;
  /** LP relaxation of the loading model, when asked for. */
  lp?: number;
  /** Lagrangian relaxation of the seat limits, when asked for (options.lagrangianBound). */
  lagrangian?: number;
  /**
   * A bound on every valid roster of the whole school (no seat kept): a whole-school solve's
   * best, or, in a late-change run, the live run's plus the primary requests of the students
   * changed since, or the whole school's bounds computed again once those drift too far
   * (src/enroll/carried-bound.ts); the next late-change run builds on it.
   */
  whole?: number;
  /** The primary requests a late-change run carried into `whole` since it was last computed on the whole school. */
  wholeDrift?: number;
  /** The best (smallest) of the above: what the report's gap is measured against. */
  best: number;
  /** Which bound is the best (the first computed when two are equal). */
  bestBy?: "capacity" | "time" | "seatTime" | "slotFlow" | "lp" | "lagrangian" | "whole";
}

/**
 * Why a solve stopped improving: it met the best bound, used up its deterministic work budget
 * (or maxMoves), stalled (no gain over a share of its budget), or was cut by
 * the wall-clock safety cap. Only "time" depends on the machine.
 */
export type StopReason = "bound" | "budget" | "stall" | "time";

/** What a solver run returns for one school. */
export interface SolveOutcome {
  roster: SchoolRoster;
  bounds: RequestBounds;
  /** Why the improvement stopped (absent for loaders that do not improve, such as first-fit). */
  stoppedBy?: StopReason;
  /** Milliseconds spent in the solver, by phase. */
  timings: Record<string, number>;
  /** The exact model's verdict, for a school small enough to get it (full quality). */
  exact?: ExactVerdict;
}

/**
 * What the exact model proved about a school's load. Its stages are the priority levels, most
 * important first, then the alternates: "optimal" when all `stages` are proven (the load is the
 * lexicographic optimum), else the first `provenStages` are.
 */
export interface ExactVerdict {
  status: "optimal" | "node_limit" | "time_limit" | "failed";
  provenStages: number;
  stages: number;
}
