/**
 * Raw SQL on either database. Statements are written once, PostgreSQL style (`$1`, `$2`), and
 * rewritten to SQLite's anonymous `?` where needed. Values are always bound, never spliced in:
 * IDs and names may hold apostrophes and any Unicode.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Queryable, Store } from "./store.ts";
import type { StoreKind } from "./store-url.ts";
import { throughGate } from "./sqlite-gate.ts";

/** Rewrites `$n` placeholders for the database, returning the statement and its argument list. */
export function bindFor(kind: StoreKind, sql: string, args: unknown[]): [string, unknown[]] {
  if (kind === "postgresql") return [sql, args];
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(args[Number(n) - 1]);
    return "?";
  });
  return [text, ordered];
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement of the SQLite connection, prepared once per text. */
function prepared(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    // The adapter makes integers bigint by default; plain numbers are what the callers expect.
    statement = connection.prepare(sql).safeIntegers(false);
    cache.set(sql, statement);
  }
  return statement;
}

/** Where raw SQL goes: the store (fast SQLite path included), or just a database kind (through Prisma). */
export type SqlTarget = (Pick<Store, "kind"> & Partial<Pick<Store, "sqlite" | "gate" | "db">>) | StoreKind;

const targetOf = (target: SqlTarget): Exclude<SqlTarget, StoreKind> => (typeof target === "string" ? { kind: target } : target);

/**
 * Runs a statement straight on the SQLite connection. Called with the store's client itself
 * (not a transaction's), it waits until no transaction holds the connection.
 */
function onConnection<T>(db: Queryable, store: Partial<Pick<Store, "gate" | "db">>, run: () => T): T | Promise<T> {
  return store.gate && db === store.db ? throughGate(store.gate, run) : run();
}

/** Runs a query and returns its rows (on `db`, or directly on the SQLite connection, which is the same one). */
export async function queryRows<T>(db: Queryable, target: SqlTarget, sql: string, ...args: unknown[]): Promise<T[]> {
  const store = targetOf(target);
  const [text, values] = bindFor(store.kind, sql, args);
  const connection = store.sqlite;
  if (connection) {
    return onConnection(db, store, () => {
      const statement = prepared(connection(), text);
      if (!statement.reader) {
        statement.run(...values);
        return [];
      }
      return statement.all(...values) as T[];
    });
  }
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/** Runs a statement and returns the number of rows it changed. */
export async function execute(db: Queryable, target: SqlTarget, sql: string, ...args: unknown[]): Promise<number> {
  const store = targetOf(target);
  const [text, values] = bindFor(store.kind, sql, args);
  const connection = store.sqlite;
  if (connection) return onConnection(db, store, () => prepared(connection(), text).run(...values).changes);
  return db.$executeRawUnsafe(text, ...values);
}

/** Counts and IDs may come back as bigint (SQLite integers, PostgreSQL count(*)). */
export function toNumber(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : Number(value);
}

/** A nullable column as an optional field: SQL NULL becomes undefined. */
export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** SQLite booleans come back as 0/1, PostgreSQL's as true/false. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

/**
 * Makes a transaction a writer from its first statement. Prisma's SQLite adapter begins
 * DEFERRED transactions: one that reads first and writes later can fail with SQLITE_BUSY when
 * another process wrote meanwhile, without waiting. A no-op write up front takes the write
 * lock at once (waiting up to the busy timeout). PostgreSQL needs nothing: it locks rows.
 */
export async function takeWriteLock(db: Queryable, target: SqlTarget): Promise<void> {
  if (targetOf(target).kind === "sqlite") await execute(db, target, `UPDATE "_mse_migrations" SET name = name WHERE 1 = 0`);
}

/**
 * A timestamp as a bound value: PostgreSQL takes the Date; SQLite stores the text Prisma's
 * adapter writes for a DateTime (ISO 8601, "+00:00"), so that Prisma reads it back alike.
 */
export function timestampValue(target: SqlTarget, date: Date): Date | string {
  return targetOf(target).kind === "postgresql" ? date : date.toISOString().replace("Z", "+00:00");
}

/** A timestamp read by raw SQL (SQLite text or a PostgreSQL Date) as a Date. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
