/**
 * Schools kept on a pool thread between incremental runs. Sending a 2,000-student school's
 * problem and live roster to the thread for every late enrollment, and its whole roster back,
 * cost the main thread about 10 ms of v8 (de)serialization each time and the pool thread as
 * much again (bench:api: a fifth of the server's one thread, and most of its longest stalls).
 * Instead the thread keeps each school's problem by version and each roster it made by run ID:
 * a task sends the student changes since the version the thread holds (the store keeps the
 * changes its process wrote) and names the live run, and the thread answers the seats that
 * changed; the main thread puts the new roster together from the live one. A thread that lacks
 * what a task names (restarted, or never sent it) says so, and the task goes again whole.
 *
 * Both sides bring a problem from one version to the next with the same functions the store's
 * cache uses (applyStudentRowsChange) and keep rosters in the store's order (inStoreOrder), so
 * the thread solves exactly what it would have been sent.
 */
import { LRUCache } from "lru-cache";
import type { SchoolProblem } from "../domain/problem.ts";
import type { Enrollment, SchoolRoster, SectionPlacement, Unscheduled } from "../domain/roster.ts";
import { compareEnrollments, inStoreOrder } from "../domain/roster-order.ts";
import { applyStudentRowsChange, type StudentRowsChange } from "../domain/student-change.ts";

/** How a task gives the thread a school's problem: whole, or as the changes since a version it holds. */
export type ProblemSync =
  { whole: SchoolProblem; version?: number } | { from: number; changes: StudentRowsChange[]; version: number };

/** How a task gives the thread the live roster: whole, or by the run the thread kept it under. */
export type RosterSync = { whole: SchoolRoster; runId?: number } | { runId: number };

/** A school as an incremental task sends it. */
export interface SchoolSync {
  schoolId: string;
  problem: ProblemSync;
  live: RosterSync;
  /** The run being made: the thread keeps the roster it makes under this ID, for the next task. */
  runId?: number;
}

/** A new roster as the thread answers it: what differs from the live roster it started from. */
export interface RosterChange {
  sections: SectionPlacement[];
  /** The seats of the students whose seats changed (`touched`), in the store's order. */
  enrollments: Enrollment[];
  unscheduled: Unscheduled[];
}

/** Schools kept per thread (as the store's cache keeps them). */
const KEPT = 16;

/** What this thread keeps (one set per thread: module state of the pool's worker). */
const held = {
  problems: new LRUCache<string, { version: number; problem: SchoolProblem }>({ max: KEPT }),
  rosters: new LRUCache<number, SchoolRoster>({ max: KEPT }),
};

/** The problem and live roster a task names, from what this thread keeps; undefined when it lacks either. */
export function residentInputs(sync: SchoolSync): { problem: SchoolProblem; live: SchoolRoster } | undefined {
  let problem: SchoolProblem;
  if ("whole" in sync.problem) problem = sync.problem.whole;
  else {
    const kept = held.problems.get(sync.schoolId);
    if (kept?.version !== sync.problem.from) return undefined;
    problem = sync.problem.changes.reduce(applyStudentRowsChange, kept.problem);
  }
  const live = "whole" in sync.live ? inStoreOrder(sync.live.whole) : held.rosters.get(sync.live.runId);
  if (!live) return undefined;
  if (sync.problem.version !== undefined) held.problems.set(sync.schoolId, { version: sync.problem.version, problem });
  if ("whole" in sync.live && sync.live.runId !== undefined) held.rosters.set(sync.live.runId, live);
  return { problem, live };
}

/** Keeps the roster a task made under its run ID, and gives what the main thread needs to put it together. */
export function keepRoster(sync: SchoolSync, roster: SchoolRoster, touched: readonly string[]): RosterChange {
  const ordered = inStoreOrder(roster);
  if (sync.runId !== undefined) held.rosters.set(sync.runId, ordered);
  const changed = new Set(touched);
  return {
    sections: ordered.sections,
    enrollments: ordered.enrollments.filter((e) => changed.has(e.studentId)),
    unscheduled: ordered.unscheduled,
  };
}

/** The new roster: the live one's seats of everyone not touched, and the touched students' new seats. */
export function rosterWithChange(live: SchoolRoster, change: RosterChange, touched: readonly string[]): SchoolRoster {
  const changed = new Set(touched);
  const kept = live.enrollments.filter((e) => !changed.has(e.studentId));
  return {
    ...live,
    sections: change.sections,
    enrollments: mergeOrdered(inStoreOrder({ ...live, enrollments: kept }).enrollments, change.enrollments),
    unscheduled: change.unscheduled,
  };
}

/** Two lists in the store's order, merged. */
function mergeOrdered(a: readonly Enrollment[], b: readonly Enrollment[]): Enrollment[] {
  const merged: Enrollment[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = compareEnrollments(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/**
 * What the main thread believes a one-thread pool keeps: each school's problem version and the
 * runs whose rosters it holds. Only a belief: the thread may have restarted, and then says so.
 */
export interface ResidentBelief {
  problems: Map<string, number>;
  rosters: Set<number>;
}

/** Nothing believed kept. */
export function emptyBelief(): ResidentBelief {
  return { problems: new Map(), rosters: new Set() };
}

/**
 * The school as a task sends it: as little as the belief allows (`changesSince` gives the
 * store's changes between two versions, when it has them all), or everything when `whole`.
 */
export function schoolSync(
  belief: ResidentBelief,
  input: {
    schoolId: string;
    problem: SchoolProblem;
    problemVersion?: number;
    live: SchoolRoster;
    liveRunId?: number;
    runId?: number;
  },
  changesSince: (from: number, to: number) => StudentRowsChange[] | undefined,
  whole: boolean,
): SchoolSync {
  const { schoolId, problemVersion: version, liveRunId, runId } = input;
  const heldVersion = belief.problems.get(schoolId);
  const changes =
    !whole && version !== undefined && heldVersion !== undefined ? changesSince(heldVersion, version) : undefined;
  const problem: ProblemSync =
    changes && version !== undefined ? { from: heldVersion!, changes, version } : { whole: input.problem, version };
  const live: RosterSync =
    !whole && liveRunId !== undefined && belief.rosters.has(liveRunId)
      ? { runId: liveRunId }
      : { whole: input.live, runId: liveRunId };
  return { schoolId, problem, live, runId };
}

/** Notes what the thread keeps after a task with `sync` went through. */
export function believeKept(belief: ResidentBelief, sync: SchoolSync): void {
  if (sync.problem.version === undefined) belief.problems.delete(sync.schoolId);
  else belief.problems.set(sync.schoolId, sync.problem.version);
  if (sync.live.runId !== undefined) belief.rosters.add(sync.live.runId);
  if (sync.runId !== undefined) belief.rosters.add(sync.runId);
  // The thread forgets the least recently used beyond KEPT; forgetting here first only costs a whole send.
  while (belief.rosters.size > KEPT) belief.rosters.delete(belief.rosters.values().next().value!);
}
