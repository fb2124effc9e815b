/**
 * Raw SQL on either database. Statements are written once, PostgreSQL style (`$1`, `$2`); the
 * dialect binds them for its driver. Values are always bound, never spliced in: IDs and names
 * may hold apostrophes and any Unicode.
 */
import type { Queryable, StoreKind } from "./dialect.ts";
import type { Store } from "./store.ts";
import { dialectOfKind } from "./store-url.ts";

/** The store (or just its database kind) a statement is for. */
export type SqlTarget = Pick<Store, "kind"> | StoreKind;

const kindOf = (target: SqlTarget): StoreKind => (typeof target === "string" ? target : target.kind);

/** Runs a query on `db` (the store's database, or a transaction) and returns its rows. */
export async function queryRows<T>(db: Queryable, sql: string, ...args: unknown[]): Promise<T[]> {
  return db.query<T>(sql, args);
}

/** Runs a query on `db` and returns its rows as arrays of values, in the order of its columns. */
export async function queryArrays(db: Queryable, sql: string, ...args: unknown[]): Promise<unknown[][]> {
  return db.queryArrays(sql, args);
}

/** Runs a statement and returns the number of rows it changed. */
export async function execute(db: Queryable, sql: string, ...args: unknown[]): Promise<number> {
  return db.execute(sql, args);
}

/** Counts and IDs may come back as bigint or text (drivers differ): as a number. */
export function toNumber(value: unknown): number {
  return Number(value);
}

/** A nullable column as an optional field: SQL NULL becomes undefined. */
export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** SQLite booleans come back as 0/1, PostgreSQL's as true/false. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

/** Makes a transaction a writer from its first statement (see Dialect.takeWriteLock). */
export async function takeWriteLock(tx: Queryable, target: SqlTarget): Promise<void> {
  await dialectOfKind(kindOf(target)).takeWriteLock(tx);
}

/** A timestamp as a bound value, in the form the database's timestamp columns hold. */
export function timestampValue(target: SqlTarget, date: Date): string {
  return dialectOfKind(kindOf(target)).timestamp(date);
}

/** A timestamp read by raw SQL (SQLite text or a PostgreSQL Date) as a Date. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** toDate for a nullable column: NULL becomes undefined. */
export function optionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : toDate(value);
}
