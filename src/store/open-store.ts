/**
 * Opens the store: a SQLite file through the better-sqlite3 driver adapter (the embedded
 * default), or PostgreSQL through the pg driver adapter when the URL is postgresql://.
 * Committed migrations are applied on open, so a fresh machine needs no setup step.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { applyMigrations } from "./migrate.ts";
import { queryRows, execute } from "./sql.ts";
import type { Store, StoreClient } from "./store.ts";
import { resolveStoreUrl, sqliteFilePath, storeKind } from "./store-url.ts";

export interface OpenStoreOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** How long a SQLite writer waits for another process's write to finish (default 60 s). */
  busyTimeoutMs?: number;
}

/**
 * SQLite settings of every connection. WAL lets readers run beside the one writer.
 * synchronous=FULL (not NORMAL) because in WAL mode NORMAL may lose the last commits on power
 * loss: an acknowledged write must survive that too. It costs one fsync per commit, and the
 * store commits few, large transactions. foreign_keys is off by default in SQLite.
 */
async function configureSqlite(db: StoreClient): Promise<void> {
  const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  if (mode?.journal_mode !== "wal") throw new Error(`SQLite refused WAL mode (got ${mode?.journal_mode})`);
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // Bulk writes of millions of rows touch big indexes: a 256 MB page cache instead of 2 MB.
  await db.$executeRawUnsafe("PRAGMA cache_size = -262144");
}

function connect(url: string, options: OpenStoreOptions): Store {
  const kind = storeKind(url);
  if (kind === "postgresql") {
    const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as StoreClient;
    return { kind, url, db };
  }
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: options.busyTimeoutMs ?? 60_000 });
  return { kind, url, db: new SqliteClient({ adapter }) };
}

/** Opens (and by default migrates) the store at `url`, DATABASE_URL, or the embedded default. */
export async function openStore(url?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const store = connect(resolveStoreUrl(url), options);
  try {
    if (store.kind === "sqlite") await configureSqlite(store.db);
    else await queryRows(store.db, store.kind, "SELECT 1");
    if (options.migrate ?? true) await applyMigrations(store);
    return store;
  } catch (error) {
    await store.db.$disconnect();
    throw error;
  }
}

/** Closes the store's connections. */
export async function closeStore(store: Store): Promise<void> {
  if (store.kind === "sqlite") await execute(store.db, store.kind, "PRAGMA optimize").catch(() => undefined);
  await store.db.$disconnect();
}
