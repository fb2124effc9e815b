/**
 * The store: one open database (SQLite or PostgreSQL) behind its Dialect. Every function of
 * src/store takes it as its first argument; nothing else touches the database.
 */
import type { Database, Dialect, Queryable, StoreKind } from "./dialect.ts";
import type { StoreCache } from "./store-cache.ts";

/** A transaction's queries (what `db.transaction` hands its work). */
export type StoreTx = Queryable;

export type { Queryable };

export interface Store {
  kind: StoreKind;
  url: string;
  /** What differs between the databases (dialect.ts). */
  dialect: Dialect;
  /** Queries outside a transaction, and transactions. */
  db: Database;
  /** Problems and rosters already read, by version and run: see store-cache.ts. */
  cache: StoreCache;
}
