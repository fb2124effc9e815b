/** Where the store lives: a SQLite file by default, PostgreSQL when the URL says so. */
import type { Dialect, StoreKind } from "./dialect.ts";
import { postgresql } from "./dialects/postgresql.ts";
import { sqlite } from "./dialects/sqlite.ts";
import { StoreUrlError } from "./store-errors.ts";

export type { StoreKind };

/** Every database the store runs on; a URL belongs to the first that accepts it. */
export const DIALECTS: readonly Dialect[] = [postgresql, sqlite];

/** The embedded default: a SQLite file under ./data, needing nothing installed. */
export const DEFAULT_STORE_URL = "file:./data/mse.db";

/** The URL to open: the one given, else DATABASE_URL, else the embedded default. */
export function resolveStoreUrl(url?: string): string {
  return url ?? process.env.DATABASE_URL ?? DEFAULT_STORE_URL;
}

/**
 * The database a URL names: postgres:// or postgresql:// is PostgreSQL, file: or a plain
 * path a SQLite file. Any other scheme (mysql://, http:...) is refused rather than taken for a
 * file name.
 */
export function dialectOf(url: string): Dialect {
  const dialect = DIALECTS.find((d) => d.accepts(url));
  if (!dialect) throw new StoreUrlError(url);
  return dialect;
}

/** The dialect of a database kind. */
export function dialectOfKind(kind: StoreKind): Dialect {
  return DIALECTS.find((d) => d.kind === kind)!;
}

/** Which database a URL names (see dialectOf). */
export function storeKind(url: string): StoreKind {
  return dialectOf(url).kind;
}

/** A URL fit to print or put in a report: the password, if any, is masked. */
export function describeStoreUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
