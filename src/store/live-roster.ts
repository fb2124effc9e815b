/**
 * The published side of the store: which run is live per school, its roster, and the history
 * of flips. A live roster is *stale* when the school's problem changed after its run was made
 * (a student written without being placed, dropped, re-imported): its seats may no longer fit
 * the problem until the next run re-places the school, which servers and workers do at start.
 */
import { readRunRoster } from "./read-run-roster.ts";
import { queryRows, toDate, toNumber } from "./sql.ts";
import { recallRoster, rememberRoster } from "./store-cache.ts";
import type { Store } from "./store.ts";
import type { SchoolRoster } from "../domain/roster.ts";

export interface LiveRoster {
  schoolId: string;
  runId: number;
  publishedAt: Date;
  roster: SchoolRoster;
  /** The problem version the live run was made from, and the school's now. */
  runProblemVersion: number;
  problemVersion: number;
  /** The problem changed after the live run was made: the roster may no longer fit it. */
  stale: boolean;
}

export interface PublicationRecord {
  runId: number;
  previousRunId?: number;
  publishedAt: Date;
}

/** The run currently live for a school, or undefined if none was ever published. */
export async function liveRunId(store: Store, schoolId: string): Promise<number | undefined> {
  const [live] = await queryRows<{ run_id: unknown }>(
    store.db,
    `SELECT run_id FROM live_roster WHERE school_id = $1`,
    schoolId,
  );
  return live ? toNumber(live.run_id) : undefined;
}

/** The live roster of a school, or undefined if none was ever published. */
export async function liveRoster(store: Store, schoolId: string): Promise<LiveRoster | undefined> {
  const [live] = await queryRows<{
    run_id: unknown;
    published_at: unknown;
    run_problem_version: unknown;
    problem_version: unknown;
  }>(
    store.db,
    `SELECT l.run_id, l.published_at, r.problem_version AS run_problem_version, s.problem_version
       FROM live_roster l JOIN run r ON r.id = l.run_id JOIN school s ON s.id = l.school_id WHERE l.school_id = $1`,
    schoolId,
  );
  if (!live) return undefined;
  const runId = toNumber(live.run_id);
  // A live run has succeeded, so its roster is final: read it once per process.
  let roster = recallRoster(store.cache, runId);
  if (!roster) rememberRoster(store.cache, runId, (roster = await readRunRoster(store, runId)));
  const [runProblemVersion, problemVersion] = [toNumber(live.run_problem_version), toNumber(live.problem_version)];
  return {
    schoolId,
    runId,
    publishedAt: toDate(live.published_at),
    roster,
    runProblemVersion,
    problemVersion,
    stale: runProblemVersion !== problemVersion,
  };
}

/** The schools whose live roster is stale (see above), in import order; of `schoolId` only, when given. */
export async function staleSchools(store: Store, schoolId?: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    store.db,
    `SELECT s.id FROM school s JOIN live_roster l ON l.school_id = s.id JOIN run r ON r.id = l.run_id
     WHERE r.problem_version <> s.problem_version${schoolId === undefined ? "" : " AND s.id = $1"} ORDER BY s.position`,
    ...(schoolId === undefined ? [] : [schoolId]),
  );
  return rows.map((r) => r.id);
}

/** Every publication of a school, oldest first: which run went live when, replacing which. */
export async function publicationHistory(store: Store, schoolId: string): Promise<PublicationRecord[]> {
  const rows = await queryRows<{ run_id: unknown; previous_run_id: unknown; published_at: unknown }>(
    store.db,
    `SELECT run_id, previous_run_id, published_at FROM publication WHERE school_id = $1 ORDER BY published_at, id`,
    schoolId,
  );
  return rows.map((p) => ({
    runId: toNumber(p.run_id),
    previousRunId: p.previous_run_id === null ? undefined : toNumber(p.previous_run_id),
    publishedAt: toDate(p.published_at),
  }));
}
