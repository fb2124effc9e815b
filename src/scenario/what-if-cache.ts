/**
 * Loads already made, by what they were made from: the school's problem version, the seed and
 * the master schedule. A scenario's starting point is loaded once, not on every edit; an undo
 * back to a state already seen, or a GET of the what-if right after the edit, costs nothing.
 * Kept per store, a few entries (a 3,000-student school's load is a few megabytes).
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";
import type { ScenarioSection } from "../domain/scenario.ts";
import type { Store } from "../store/index.ts";
import type { LoadSchool } from "./loaders.ts";
import { whatIfProblem, type Loaded } from "./what-if.ts";

const caches = new WeakMap<Store, LRUCache<string, Promise<Loaded>>>();

/** The load of the school's problem (at `problemVersion`) with these sections, from the cache or made by `load`. */
export function cachedLoad(
  store: Store,
  load: LoadSchool,
  problem: SchoolProblem,
  problemVersion: number,
  sections: readonly ScenarioSection[],
  seed: number,
): Promise<Loaded> {
  return remember(store, ["load", problem.school.schoolId, problemVersion, seed, sectionsHash(sections)], () =>
    load.load(whatIfProblem(problem, sections), seed),
  );
}

/** The stable load (stable-load.ts) of those sections from the live roster of run `base.runId`, from the cache or made by `load`. */
export function cachedStableLoad(
  store: Store,
  load: LoadSchool,
  problem: SchoolProblem,
  problemVersion: number,
  sections: readonly ScenarioSection[],
  seed: number,
  base: { runId: number; roster: SchoolRoster },
): Promise<Loaded> {
  return remember(
    store,
    ["stable", problem.school.schoolId, problemVersion, seed, base.runId, sectionsHash(sections)],
    () => load.stable(whatIfProblem(problem, sections), base.roster, seed),
  );
}

function sectionsHash(sections: readonly ScenarioSection[]): string {
  return createHash("sha256").update(JSON.stringify(sections)).digest("hex");
}

function remember(store: Store, parts: (string | number)[], make: () => Promise<Loaded>): Promise<Loaded> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new LRUCache({ max: 12 })));
  const key = parts.join("\u0000");
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  cache.set(key, made);
  // A failed load is not kept: the next ask tries again.
  made.catch(() => cache.delete(key));
  return made;
}
