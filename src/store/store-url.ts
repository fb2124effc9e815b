/** Where the store lives: a SQLite file by default, PostgreSQL when the URL says so. */
import path from "node:path";
import { StoreUrlError } from "./store-errors.ts";

export type StoreKind = "sqlite" | "postgresql";

/** The embedded default: a SQLite file under ./data, needing nothing installed. */
export const DEFAULT_STORE_URL = "file:./data/mse.db";

/** The URL to open: the one given, else DATABASE_URL, else the embedded default. */
export function resolveStoreUrl(url?: string): string {
  return url ?? process.env.DATABASE_URL ?? DEFAULT_STORE_URL;
}

/**
 * Which database a URL names: postgres:// or postgresql:// is PostgreSQL, file: or a plain
 * path a SQLite file. Any other scheme (mysql://, http:...) is refused rather than taken for a
 * file name.
 */
export function storeKind(url: string): StoreKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  // One letter before the colon is a Windows drive, not a scheme.
  if (/^[a-z][a-z0-9+.-]+:/i.test(url) && !/^file:/i.test(url)) throw new StoreUrlError(url);
  return "sqlite";
}

/** The file path of a SQLite URL (`file:./x.db`, `file:/abs/x.db` or a bare path). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** A URL fit to print or put in a report: the password, if any, is masked. */
export function describeStoreUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
