/** How big each school of the store is, read with one counting query instead of loading any problem. */
import { queryRows, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export interface SchoolSize {
  students: number;
  requests: number;
}

/** Students and requests of each of `schoolIds` (zero for a school with none). */
export async function schoolSizes(store: Store, schoolIds: readonly string[]): Promise<Map<string, SchoolSize>> {
  const sizes = new Map<string, SchoolSize>(schoolIds.map((id) => [id, { students: 0, requests: 0 }]));
  const rows = await queryRows<{ school_id: string; students: unknown; requests: unknown }>(
    store.db,
    `SELECT t.school_id, COUNT(*) AS students, SUM(t.request_count) AS requests
       FROM student t WHERE t.school_id IN (${store.dialect.idList(1)}) GROUP BY t.school_id`,
    JSON.stringify(schoolIds),
  );
  for (const row of rows)
    sizes.set(row.school_id, { students: toNumber(row.students), requests: toNumber(row.requests) });
  return sizes;
}
