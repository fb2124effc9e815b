/**
 * In-process caches of what never changes under its key, so that a warm process (the API
 * server, a benchmark) answers late enrollments without re-reading a whole school:
 * - a school's problem at one problem version (every import and student change bumps it);
 * - a succeeded run's roster (its rows are never rewritten).
 * A hit is therefore never stale, even with other processes writing. Entries are shared:
 * callers treat what they get as read-only. Least recently used entries go first.
 */
import { LRUCache } from "lru-cache";
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import { inStoreOrder } from "../domain/roster-order.ts";
import type { StudentRowsChange } from "../domain/student-change.ts";

/** Schools and rosters kept per store: a few schools' worth (a 3,000-student roster is a few MB). */
export const CACHE_ENTRIES = 16;

export interface StoreCache {
  problems: LRUCache<string, { version: number; problem: SchoolProblem }>;
  rosters: LRUCache<number, SchoolRoster>;
  /** Per school, one string object per id read (see idPool). */
  ids: LRUCache<string, Map<string, string>>;
  /** Per school, the student changes this process wrote, by the problem version each one made (see studentChangesBetween). */
  changes: LRUCache<string, Map<number, StudentRowsChange>>;
}

/** Student changes kept per school: enough to bring a copy of a busy school from its last run's version to now. */
export const CHANGES_KEPT = 512;

/** An empty cache. */
export function createStoreCache(): StoreCache {
  return {
    problems: new LRUCache({ max: CACHE_ENTRIES }),
    rosters: new LRUCache({ max: CACHE_ENTRIES }),
    ids: new LRUCache({ max: CACHE_ENTRIES }),
    changes: new LRUCache({ max: CACHE_ENTRIES }),
  };
}

/**
 * The school's id pool: maps an id read from the database to the one string object kept for
 * it. Every row read comes back as new strings, so without it a student's id in a request, in
 * the student row and in a roster are three objects, and every lookup by id compares them
 * character by character; pooled, they are one object (an incremental run's passes over a
 * 3,000-student school took three times as long without).
 */
export function idPool(cache: StoreCache, schoolId: string): (id: string) => string {
  let pool = cache.ids.get(schoolId);
  if (!pool) cache.ids.set(schoolId, (pool = new Map()));
  const ids = pool;
  return (id) => {
    const kept = ids.get(id);
    if (kept !== undefined) return kept;
    ids.set(id, id);
    return id;
  };
}

/** The cached problem of `schoolId` if it is at `version`. */
export function recallProblem(cache: StoreCache, schoolId: string, version: number): SchoolProblem | undefined {
  const hit = cache.problems.get(schoolId);
  return hit?.version === version ? hit.problem : undefined;
}

/** Caches the problem of `schoolId` at `version`. */
export function rememberProblem(cache: StoreCache, schoolId: string, version: number, problem: SchoolProblem): void {
  cache.problems.set(schoolId, { version, problem });
}

/** Notes that this process's write of `change` made the school's problem `version` (from `version - 1`). */
export function rememberChange(cache: StoreCache, schoolId: string, version: number, change: StudentRowsChange): void {
  let changes = cache.changes.get(schoolId);
  if (!changes) cache.changes.set(schoolId, (changes = new Map()));
  changes.set(version, change);
  // Versions only go up, and a Map keeps insertion order: the oldest is first.
  for (const old of changes.keys()) {
    if (changes.size <= CHANGES_KEPT) break;
    changes.delete(old);
  }
}

/**
 * The student changes that lead the school's problem from version `from` to version `to`, in
 * order, when this process wrote every one of them and still has them; undefined otherwise (an
 * import, another process's write, or too long ago). Exact: a problem version is made by one
 * write only, so the change kept under it is the whole difference from the version before.
 */
export function studentChangesBetween(
  cache: StoreCache,
  schoolId: string,
  from: number,
  to: number,
): StudentRowsChange[] | undefined {
  if (to < from) return undefined;
  if (to === from) return [];
  const changes = cache.changes.get(schoolId);
  if (!changes || to - from > changes.size) return undefined;
  const list: StudentRowsChange[] = [];
  for (let version = from + 1; version <= to; version++) {
    const change = changes.get(version);
    if (!change) return undefined;
    list.push(change);
  }
  return list;
}

/** The cached roster of run `runId`, if any. */
export function recallRoster(cache: StoreCache, runId: number): SchoolRoster | undefined {
  return cache.rosters.get(runId);
}

/** Caches the roster of a succeeded run, as read back from the store. */
export function rememberRoster(cache: StoreCache, runId: number, roster: SchoolRoster): void {
  cache.rosters.set(runId, roster);
}

/**
 * Caches the roster a run just saved, with its enrollments in the order readEnrollments gives
 * (student, then section), so a warm process hands the next incremental run the same roster a
 * cold one reads. (A PostgreSQL database with a non-C collation orders its reads its own way;
 * every order is a valid roster, only tie-breaks between equal seats may differ.)
 */
export function rememberSavedRoster(cache: StoreCache, runId: number, roster: SchoolRoster): void {
  cache.rosters.set(runId, inStoreOrder(roster));
}
