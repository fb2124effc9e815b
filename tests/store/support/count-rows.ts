import type { Store } from "../../../src/store/index.ts";

/** How many rows of `table` match `where` (SQL, `$1`... bound to `args`): what a write left behind. */
export async function countRows(store: Store, table: string, where = "TRUE", ...args: unknown[]): Promise<number> {
  const [row] = await store.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, args);
  return Number(row!.n);
}
