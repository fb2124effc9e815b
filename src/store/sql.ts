/**
 * Raw SQL on either database. Statements are written once, PostgreSQL style (`$1`, `$2`), and
 * rewritten to SQLite's anonymous `?` where needed. Values are always bound, never spliced in:
 * IDs and names may hold apostrophes and any Unicode.
 */
import type { Queryable } from "./store.ts";
import type { StoreKind } from "./store-url.ts";

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

/** Runs a query and returns its rows. */
export function queryRows<T>(db: Queryable, kind: StoreKind, sql: string, ...args: unknown[]): Promise<T[]> {
  const [text, values] = bindFor(kind, sql, args);
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/** Runs a statement and returns the number of rows it changed. */
export function execute(db: Queryable, kind: StoreKind, sql: string, ...args: unknown[]): Promise<number> {
  const [text, values] = bindFor(kind, sql, args);
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
export async function takeWriteLock(db: Queryable, kind: StoreKind): Promise<void> {
  if (kind === "sqlite") await db.$executeRawUnsafe(`UPDATE "_mse_migrations" SET name = name WHERE 1 = 0`);
}
