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

/** Schools and rosters kept per store: a few schools' worth (a 3,000-student roster is a few MB). */
export const CACHE_ENTRIES = 16;

export interface StoreCache {
  problems: LRUCache<string, { version: number; problem: SchoolProblem }>;
  rosters: LRUCache<number, SchoolRoster>;
  /** Per school, one string object per id read (see idPool). */
  ids: LRUCache<string, Map<string, string>>;
}

/** An empty cache. */
export function createStoreCache(): StoreCache {
  return {
    problems: new LRUCache({ max: CACHE_ENTRIES }),
    rosters: new LRUCache({ max: CACHE_ENTRIES }),
    ids: new LRUCache({ max: CACHE_ENTRIES }),
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

/** The cached roster of run `runId`, if any. */
export function recallRoster(cache: StoreCache, runId: number): SchoolRoster | undefined {
  return cache.rosters.get(runId);
}

/** Caches the roster of a succeeded run, as read back from the store. */
export function rememberRoster(cache: StoreCache, runId: number, roster: SchoolRoster): void {
  cache.rosters.set(runId, roster);
}

/** A UTF-16 unit ranked in code point order: a surrogate (U+D800-DFFF) starts a code point above U+FFFF, after U+E000-FFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}

/** Orders strings by code point, as SQLite's BINARY collation orders UTF-8 text (`<` orders UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * Caches the roster a run just saved, with its enrollments in the order readEnrollments gives
 * (student, then section), so a warm process hands the next incremental run the same roster a
 * cold one reads. (A PostgreSQL database with a non-C collation orders its reads its own way;
 * every order is a valid roster, only tie-breaks between equal seats may differ.)
 */
export function rememberSavedRoster(cache: StoreCache, runId: number, roster: SchoolRoster): void {
  const enrollments = [...roster.enrollments].sort(
    (a, b) => compareCodePoints(a.studentId, b.studentId) || compareCodePoints(a.sectionId, b.sectionId),
  );
  cache.rosters.set(runId, { ...roster, enrollments });
}
