/** report.json of what `mse export` writes: the live runs of the store, summed up. */
import type { LiveExport } from "../store/index.ts";
import { summarize, type RunReport } from "./run-report.ts";

/** The run report of an export of the store's live rosters (exportLive). */
export function liveRunReport(live: Pick<LiveExport, "reports" | "summary">): RunReport {
  return summarize(live.reports, live.summary);
}
