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
    `SELECT s.id AS school_id,
            (SELECT COUNT(*) FROM student t WHERE t.school_id = s.id) AS students,
            (SELECT COUNT(*) FROM course_request r WHERE r.school_id = s.id) AS requests
       FROM school s WHERE s.id IN (${store.dialect.idList(1)})`,
    JSON.stringify(schoolIds),
  );
  for (const row of rows)
    sizes.set(row.school_id, { students: toNumber(row.students), requests: toNumber(row.requests) });
  return sizes;
}
