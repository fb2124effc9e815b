/**
 * Opens the store: a SQLite file through the better-sqlite3 driver adapter (the embedded
 * default), or PostgreSQL through the pg driver adapter when the URL is postgresql://.
 * Committed migrations are applied on open, so a fresh machine needs no setup step.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { applyMigrations } from "./migrate.ts";
import { execute, queryRows } from "./sql.ts";
import type { Store, StoreClient } from "./store.ts";
import { createStoreCache } from "./store-cache.ts";
import { createSqliteGate, throughGate, type SqliteGate } from "./sqlite-gate.ts";
import { describeStoreUrl, resolveStoreUrl, sqliteFilePath, storeKind } from "./store-url.ts";
import { createWalSync } from "./sqlite-durability.ts";
import { MissingStoreError, StoreOpenError } from "./store-errors.ts";

export interface OpenStoreOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** How long a SQLite writer waits for another process's write to finish (default 60 s). */
  busyTimeoutMs?: number;
  /** Refuse a SQLite file that does not exist yet instead of creating an empty store (for commands that only read it). */
  mustExist?: boolean;
  /**
   * SQLite: "commit" (default) fsyncs every commit on the calling thread (synchronous=FULL);
   * "on-request" leaves commits unsynced and makes them durable when `durableCommits(store)` is
   * awaited, with one fsync off the thread for all commits before it (what a server uses before
   * it acknowledges a write: sqlite-durability.ts). PostgreSQL: no difference.
   */
  durability?: "commit" | "on-request";
}

/** The database's own words for why it refused, without Prisma's invocation banner. */
function refusalReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const quoted = /Message: `([^`]*)`/.exec(text);
  if (quoted) return quoted[1];
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return lines.at(-1) ?? "unknown error";
}

/**
 * SQLite settings of every connection. WAL lets readers run beside the one writer.
 * synchronous=FULL (not NORMAL) because in WAL mode NORMAL may lose the last commits on power
 * loss: an acknowledged write must survive that too. It costs one fsync per commit, and the
 * store commits few, large transactions. foreign_keys is off by default in SQLite.
 */
async function configureSqlite(db: StoreClient, durability: OpenStoreOptions["durability"]): Promise<void> {
  const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  if (mode?.journal_mode !== "wal") throw new Error(`SQLite refused WAL mode (got ${mode?.journal_mode})`);
  // "on-request": the fsync comes from durableCommits, off the thread (sqlite-durability.ts).
  await db.$executeRawUnsafe(durability === "on-request" ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // Bulk writes of millions of rows touch big indexes: a 256 MB page cache instead of 2 MB.
  await db.$executeRawUnsafe("PRAGMA cache_size = -262144");
}

/**
 * The SQLite adapter factory, wrapped to keep hold of the connection it opens (Prisma opens
 * exactly one per client). Relies on the adapter's `client` field (@prisma/adapter-better-sqlite3
 * 7.10, pinned); the store specs fail at once if a new version drops it.
 */
function capturingSqliteAdapter(config: ConstructorParameters<typeof PrismaBetterSqlite3>[0], gate: SqliteGate) {
  const factory = new PrismaBetterSqlite3(config);
  let connection: BetterSqlite3.Database | undefined;
  const adapter: Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb"> = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const opened = await factory.connect();
      connection = (opened as unknown as { client: BetterSqlite3.Database }).client;
      if (typeof connection?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection");
      guardWithGate(opened, gate);
      return opened;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const sqlite = () => {
    if (!connection) throw new Error("the SQLite connection is not open yet");
    return connection;
  };
  return { adapter, sqlite };
}

type OpenedAdapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;

/**
 * Makes the adapter take the gate: a transaction from BEGIN until its commit or rollback, a
 * query outside a transaction for its own run (see sqlite-gate.ts).
 */
function guardWithGate(opened: OpenedAdapter, gate: SqliteGate): void {
  const startTransaction = opened.startTransaction.bind(opened);
  opened.startTransaction = async (isolationLevel) => {
    const release = await gate.acquire();
    try {
      const tx = await startTransaction(isolationLevel);
      const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    } catch (error) {
      release();
      throw error;
    }
  };
  const [queryRaw, executeRaw] = [opened.queryRaw.bind(opened), opened.executeRaw.bind(opened)];
  opened.queryRaw = (query) => throughGate(gate, () => queryRaw(query));
  opened.executeRaw = (query) => throughGate(gate, () => executeRaw(query));
}

function connect(url: string, options: OpenStoreOptions): Store {
  const kind = storeKind(url);
  if (kind === "postgresql") {
    const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as StoreClient;
    return { kind, url, db, cache: createStoreCache() };
  }
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const gate = createSqliteGate();
  const { adapter, sqlite } = capturingSqliteAdapter({ url: `file:${file}`, timeout: options.busyTimeoutMs ?? 60_000 }, gate);
  const walSync = options.durability === "on-request" ? createWalSync(file) : undefined;
  return { kind, url, db: new SqliteClient({ adapter }), sqlite, gate, cache: createStoreCache(), ...(walSync ? { walSync } : {}) };
}

/** Opens (and by default migrates) the store at `url`, DATABASE_URL, or the embedded default. */
export async function openStore(url?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const resolved = resolveStoreUrl(url);
  if (options.mustExist && storeKind(resolved) === "sqlite" && !existsSync(sqliteFilePath(resolved))) {
    throw new MissingStoreError(describeStoreUrl(resolved), "no such file (import a problem into it first: mse import --input DIR --db URL)");
  }
  const store = connect(resolved, options);
  try {
    try {
      if (store.kind === "sqlite") await configureSqlite(store.db, options.durability); // also opens the connection
      else await queryRows(store.db, store, "SELECT 1");
    } catch (error) {
      // 3D000: PostgreSQL has no database of that name.
      const missing = /\b3D000\b/.test(error instanceof Error ? error.message : "");
      throw new (missing ? MissingStoreError : StoreOpenError)(describeStoreUrl(resolved), refusalReason(error));
    }
    if (options.migrate ?? true) await applyMigrations(store);
    return store;
  } catch (error) {
    await store.db.$disconnect();
    throw error;
  }
}

/** Closes the store's connections. */
export async function closeStore(store: Store): Promise<void> {
  if (store.kind === "sqlite") await execute(store.db, store, "PRAGMA optimize").catch(() => undefined);
  await durableCommits(store);
  await store.walSync?.close();
  await store.db.$disconnect();
}

/** Every commit made so far is on disk once this resolves (at once, unless the store was opened with durability "on-request"). */
export async function durableCommits(store: Store): Promise<void> {
  await store.walSync?.durable();
}
