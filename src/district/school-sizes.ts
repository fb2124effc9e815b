/** How big each school of the store is, read with two counting queries instead of loading any problem. */
import type { Store } from "../store/store.ts";

export interface SchoolSize {
  students: number;
  requests: number;
}

/** Students and requests of each of `schoolIds` (zero for a school with none). */
export async function schoolSizes(store: Store, schoolIds: readonly string[]): Promise<Map<string, SchoolSize>> {
  const sizes = new Map<string, SchoolSize>(schoolIds.map((id) => [id, { students: 0, requests: 0 }]));
  const students = await store.db.student.groupBy({ by: ["schoolId"], _count: { _all: true } });
  for (const row of students) {
    const size = sizes.get(row.schoolId);
    if (size) size.students = row._count._all;
  }
  const requests = await store.db.courseRequest.groupBy({ by: ["schoolId"], _count: { _all: true } });
  for (const row of requests) {
    const size = sizes.get(row.schoolId);
    if (size) size.requests = row._count._all;
  }
  return sizes;
}
