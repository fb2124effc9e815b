/**
 * Opens the store: a SQLite file through better-sqlite3 (the embedded default), or PostgreSQL
 * through a pg pool when the URL is postgresql:// (src/store/dialects/). Committed migrations
 * are applied on open, so a fresh machine needs no setup step.
 */
import type { ConnectOptions } from "./dialect.ts";
import { applyMigrations } from "./migrate.ts";
import type { Store } from "./store.ts";
import { createStoreCache } from "./store-cache.ts";
import { describeStoreUrl, dialectOf, resolveStoreUrl } from "./store-url.ts";
import { MissingStoreError, StoreOpenError } from "./store-errors.ts";

export interface OpenStoreOptions extends ConnectOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Refuse a database that does not exist yet instead of creating an empty store (for commands that only read it). */
  mustExist?: boolean;
}

/** The database's own words for why it refused: the last line of the driver's message. */
function refusalReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return lines.at(-1) ?? "unknown error";
}

/** Opens (and by default migrates) the store at `url`, DATABASE_URL, or the embedded default. */
export async function openStore(url?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const resolved = resolveStoreUrl(url);
  const dialect = dialectOf(resolved);
  const missing = options.mustExist ? dialect.missing(resolved) : undefined;
  if (missing !== undefined) throw new MissingStoreError(describeStoreUrl(resolved), missing);
  let db;
  try {
    db = await dialect.connect(resolved, options);
  } catch (error) {
    throw new (dialect.isMissingDatabase(error) ? MissingStoreError : StoreOpenError)(
      describeStoreUrl(resolved),
      refusalReason(error),
    );
  }
  const store: Store = { kind: dialect.kind, url: resolved, dialect, db, cache: createStoreCache() };
  try {
    if (options.migrate ?? true) await applyMigrations(store);
    return store;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Every commit made so far is on disk once this resolves (at once, unless the store was opened with durability "on-request"). */
export async function durableCommits(store: Store): Promise<void> {
  await store.db.durable?.();
}

/** Closes the store's connections. */
export async function closeStore(store: Store): Promise<void> {
  await store.dialect.beforeClose?.(store.db);
  await store.db.close();
}
