/**
 * The store: one open database (SQLite or PostgreSQL) behind one Prisma client. Every
 * function of src/store takes it as its first argument; nothing else touches the database.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { PrismaClient, Prisma } from "./generated/sqlite/client.ts";
import type { SqliteGate } from "./sqlite-gate.ts";
import type { StoreCache } from "./store-cache.ts";
import type { StoreKind } from "./store-url.ts";
import type { WalSync } from "./sqlite-durability.ts";

/**
 * The Prisma client of either database. Both clients are generated from the same models, so
 * the SQLite client's type describes the PostgreSQL one too (for the calls used here).
 */
export type StoreClient = PrismaClient;

/** A client inside an interactive transaction. */
export type StoreTx = Prisma.TransactionClient;

/** Either a client or a transaction: what a query helper can run on. */
export type Queryable = StoreClient | StoreTx;

export interface Store {
  kind: StoreKind;
  url: string;
  db: StoreClient;
  /**
   * SQLite only: the very connection Prisma's adapter opened. Raw SQL runs on it directly,
   * skipping Prisma's per-query work (which doubled the time of bulk reads and writes); being
   * the same connection, a statement run inside a Prisma transaction is part of it.
   */
  sqlite?: () => BetterSqlite3.Database;
  /** SQLite only: held by every transaction; a statement outside one waits for it (sqlite-gate.ts). */
  gate?: SqliteGate;
  /** Problems and rosters already read, by version and run: see store-cache.ts. */
  cache: StoreCache;
  /**
   * SQLite opened with `durability: "on-request"` only: makes every commit made so far durable
   * (one fsync off this thread; sqlite-durability.ts). Call it before acknowledging a write.
   */
  walSync?: WalSync;
}

/** Interactive transactions here may write millions of rows: Prisma's 5 s default is far too short. */
export const LONG_TRANSACTION = { maxWait: 120_000, timeout: 30 * 60_000 } as const;
