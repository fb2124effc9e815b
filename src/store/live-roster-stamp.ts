/**
 * What identifies the published state of the store: each school's live run, when it was
 * published and the version of the problem it was imported as. Two reads with the same stamp
 * would export the same rosters, so a reader may keep what it built from the first one.
 */
import { queryRows, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export interface LiveRosterStamp {
  /** Equal for two reads of the same published state. */
  key: string;
  /** When each school's live roster was published. */
  publishedAt: Map<string, Date>;
}

/** The stamp of the store's published state, in one query. */
export async function liveRosterStamp(store: Store): Promise<LiveRosterStamp> {
  const rows = await queryRows<{ school_id: string; run_id: unknown; published_at: unknown; problem_version: unknown }>(
    store.db,
    `SELECT l.school_id, l.run_id, l.published_at, s.problem_version
       FROM live_roster l JOIN school s ON s.id = l.school_id ORDER BY l.school_id`,
  );
  const publishedAt = new Map<string, Date>();
  const parts: string[] = [];
  for (const row of rows) {
    publishedAt.set(row.school_id, toDate(row.published_at));
    parts.push(`${JSON.stringify(row.school_id)}:${toNumber(row.run_id)}:${toNumber(row.problem_version)}`);
  }
  return { key: parts.join(","), publishedAt };
}
