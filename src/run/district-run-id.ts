/** Names of district runs: what ties a school's run in the store to the district run that asked for it. */
import { randomUUID } from "node:crypto";

/** The key under which a school run's parameters name its district run. */
export const DISTRICT_RUN_PARAMETER = "districtRun";

/** A fresh district run ID, readable and sortable by time: `d-2024-05-01T02-00-00-abcd1234`. Never holds ":" (BullMQ job IDs cannot). */
export function newDistrictRunId(now: Date = new Date(), prefix = "d"): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replace(/:/g, "-")}-${randomUUID().slice(0, 8)}`;
}
