/**
 * The rostering view of the store's published state, rebuilt only when that state changes:
 * each request reads the live-roster stamp (one small query) and reuses the view built for the
 * same stamp, so a consumer paging through a district reads the rosters once, not per page.
 */
import { exportLive, liveRosterStamp, type Store } from "../../store/index.ts";
import { buildRosteringView, type RosteringView } from "./rostering-view.ts";

export interface LiveViewCache {
  key?: string;
  view?: Promise<RosteringView>;
}

/** The view of the store's current published state. */
export async function liveView(store: Store, cache: LiveViewCache): Promise<RosteringView> {
  const stamp = await liveRosterStamp(store);
  if (cache.view && cache.key === stamp.key) return cache.view;
  const building = exportLive(store, [...stamp.publishedAt.keys()]).then((live) =>
    buildRosteringView(live, stamp.publishedAt),
  );
  cache.key = stamp.key;
  cache.view = building;
  // A failed build is not kept: the next request tries again.
  building.catch(() => {
    if (cache.view === building) cache.view = undefined;
  });
  return building;
}
