import type { ExactVerdict, RequestBounds } from "../../solver/solve-options.ts";
import type { PriorityTally, SchoolMetrics } from "./school-metrics.ts";

/** One school's line of report.json: its metrics, the solver's bounds and its time. */
export interface SchoolReport extends SchoolMetrics {
  bounds?: RequestBounds;
  /** (best bound - primary met) / best bound: how far the roster may be from the best possible. */
  gapToBound?: number;
  /**
   * The load is proven optimal: the exact model proved it level by level (priority 1 first,
   * then fewer alternates), or it meets the best bound (no roster meets more primary requests).
   */
  provenOptimal?: boolean;
  /** 0 when provenOptimal, else gapToBound: the most the load can be below the best roster. */
  provenGap?: number;
  /**
   * What proves provenGap: "exact" (the exact model proved the load level by level), else the
   * bound that is the best (bounds.bestBy: capacity, time, seatTime, slotFlow, lp, lagrangian).
   */
  provenBy?: string;
  /** What the exact model proved, for a school small enough to get it (full quality). */
  exact?: ExactVerdict;
  timings: Record<string, number>;
}

/** report.json: the whole run, then each school. */
export interface RunReport {
  engine: string;
  startedAt: string;
  finishedAt: string;
  parameters: Record<string, unknown>;
  totals: Omit<
    SchoolReport,
    "schoolId" | "worstCourseImbalance" | "provenOptimal" | "provenGap" | "provenBy" | "exact"
  > & {
    schools: number;
    /** Schools whose load is proven optimal (see SchoolReport.provenOptimal). */
    provenOptimalSchools: number;
  };
  schools: SchoolReport[];
}

/** The relative gap between what was met and the upper bound on what can be met. */
export function gapToBound(met: number, bound: number): number {
  return bound <= 0 ? 0 : Math.max(0, (bound - met) / bound);
}

/** Adds the schools' figures up into the run's totals. */
export function summarize(
  schools: SchoolReport[],
  meta: { startedAt: Date; finishedAt: Date; parameters: Record<string, unknown> },
): RunReport {
  const sum = (pick: (s: SchoolReport) => number) => schools.reduce((acc, s) => acc + pick(s), 0);
  const byPriority = new Map<number, PriorityTally>();
  const unscheduledByReason: Record<string, number> = {};
  const timings: Record<string, number> = {};
  for (const s of schools) {
    for (const t of s.byPriority) {
      const total = byPriority.get(t.priority) ?? { priority: t.priority, requested: 0, met: 0 };
      total.requested += t.requested;
      total.met += t.met;
      byPriority.set(t.priority, total);
    }
    for (const [reason, n] of Object.entries(s.unscheduledByReason)) {
      unscheduledByReason[reason] = (unscheduledByReason[reason] ?? 0) + n;
    }
    for (const [phase, ms] of Object.entries(s.timings)) timings[phase] = (timings[phase] ?? 0) + ms;
  }
  const seats = sum((s) => s.seats);
  const enrollments = sum((s) => s.enrollments);
  const primaryMet = sum((s) => s.primaryMet);
  const allBounded = schools.length > 0 && schools.every((s) => s.bounds !== undefined);
  const boundTotal = (key: Exclude<keyof RequestBounds, "bestBy">) =>
    schools.every((s) => s.bounds?.[key] !== undefined) ? sum((s) => s.bounds![key]!) : undefined;
  const bounds: RequestBounds | undefined = allBounded
    ? {
        capacity: boundTotal("capacity")!,
        time: boundTotal("time")!,
        seatTime: boundTotal("seatTime"),
        lp: boundTotal("lp"),
        best: boundTotal("best")!,
      }
    : undefined;
  return {
    engine: "master-schedule-engine",
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    parameters: meta.parameters,
    totals: {
      schools: schools.length,
      students: sum((s) => s.students),
      sections: sum((s) => s.sections),
      sectionsUnplaced: sum((s) => s.sectionsUnplaced),
      primaryRequests: sum((s) => s.primaryRequests),
      primaryMet,
      byPriority: [...byPriority.values()].sort((a, b) => a.priority - b.priority),
      alternatesUsed: sum((s) => s.alternatesUsed),
      fullSchedules: sum((s) => s.fullSchedules),
      studentsWithNothing: sum((s) => s.studentsWithNothing),
      seats,
      enrollments,
      sectionFill: seats === 0 ? 0 : enrollments / seats,
      unscheduledByReason,
      bounds,
      gapToBound: bounds ? gapToBound(primaryMet, bounds.best) : undefined,
      provenOptimalSchools: schools.filter((s) => s.provenOptimal).length,
      timings,
    },
    schools,
  };
}
