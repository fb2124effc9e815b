/** An empty database for one benchmark: a SQLite file in a temp directory, or a new PostgreSQL database. */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { StoreKind } from "../src/store/index.ts";

/** The PostgreSQL server benchmarks create their databases on. */
export const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/test";

/** Creates an empty database of `kind`, or a copy of the closed database at `copyOf`; `drop` removes it. */
export async function freshDatabase(
  kind: StoreKind,
  label = "bench",
  copyOf?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), `mse-${label}-`));
    const file = path.join(dir, `${label}.db`);
    if (copyOf) copyFileSync(new URL(copyOf).pathname, file);
    return {
      url: `file:${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `mse_${label.replace(/\W/g, "_")}_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"${copyOf ? ` TEMPLATE "${new URL(copyOf).pathname.slice(1)}"` : ""}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
