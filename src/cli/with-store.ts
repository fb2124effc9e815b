import { closeStore, openStore, type OpenStoreOptions, type Store, resolveStoreUrl } from "../store/index.ts";

/** Opens the store named by --db (or the default), runs `work`, and always closes it. */
export async function withStore<T>(
  db: string | undefined,
  work: (store: Store) => Promise<T>,
  options: OpenStoreOptions = {},
): Promise<T> {
  const store = await openStore(resolveStoreUrl(db), options);
  try {
    return await work(store);
  } finally {
    await closeStore(store);
  }
}
