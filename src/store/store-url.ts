/** Where the store lives: a SQLite file by default, PostgreSQL when the URL says so. */
import path from "node:path";

export type StoreKind = "sqlite" | "postgresql";

/** The embedded default: a SQLite file under ./data, needing nothing installed. */
export const DEFAULT_STORE_URL = "file:./data/mse.db";

/** The URL to open: the one given, else DATABASE_URL, else the embedded default. */
export function resolveStoreUrl(url?: string): string {
  return url ?? process.env.DATABASE_URL ?? DEFAULT_STORE_URL;
}

/** Which database a URL names: postgres:// or postgresql:// is PostgreSQL, anything else a SQLite file. */
export function storeKind(url: string): StoreKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The file path of a SQLite URL (`file:./x.db`, `file:/abs/x.db` or a bare path). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** A URL fit to print or put in a report: the password, if any, is masked. */
export function describeStoreUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
