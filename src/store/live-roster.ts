/** The published side of the store: which run is live per school, its roster, and the history of flips. */
import { readRunRoster } from "./read-run-roster.ts";
import { recallRoster, rememberRoster } from "./store-cache.ts";
import type { Store } from "./store.ts";
import type { SchoolRoster } from "../domain/roster.ts";

export interface LiveRoster {
  schoolId: string;
  runId: number;
  publishedAt: Date;
  roster: SchoolRoster;
}

export interface PublicationRecord {
  runId: number;
  previousRunId?: number;
  publishedAt: Date;
}

/** The run currently live for a school, or undefined if none was ever published. */
export async function liveRunId(store: Store, schoolId: string): Promise<number | undefined> {
  const live = await store.db.liveRoster.findUnique({ where: { schoolId } });
  return live?.runId;
}

/** The live roster of a school, or undefined if none was ever published. */
export async function liveRoster(store: Store, schoolId: string): Promise<LiveRoster | undefined> {
  const live = await store.db.liveRoster.findUnique({ where: { schoolId } });
  if (!live) return undefined;
  // A live run has succeeded, so its roster is final: read it once per process.
  let roster = recallRoster(store.cache, live.runId);
  if (!roster) rememberRoster(store.cache, live.runId, (roster = await readRunRoster(store, live.runId)));
  return { schoolId, runId: live.runId, publishedAt: live.publishedAt, roster };
}

/** Every publication of a school, oldest first: which run went live when, replacing which. */
export async function publicationHistory(store: Store, schoolId: string): Promise<PublicationRecord[]> {
  const rows = await store.db.publication.findMany({ where: { schoolId }, orderBy: [{ publishedAt: "asc" }, { id: "asc" }] });
  return rows.map((p) => ({ runId: p.runId, previousRunId: p.previousRunId ?? undefined, publishedAt: p.publishedAt }));
}
