/**
 * Applies the committed migrations (prisma/migrations/<sqlite|postgresql>/<name>/migration.sql)
 * in name order, each in one transaction together with its row in `_mse_migrations`. This
 * replaces `prisma migrate deploy`, whose schema engine is a download that fails offline. A
 * migration edited after it was applied is refused: its checksum no longer matches.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PACKAGE_ROOT } from "../package-root.ts";
import { execute, queryRows } from "./sql.ts";
import { splitSqlScript } from "./sql-script.ts";
import type { Store } from "./store.ts";
import type { StoreKind } from "./store-url.ts";

/** prisma/migrations: one folder per database, one subfolder per migration. */
export const MIGRATIONS_ROOT = path.join(PACKAGE_ROOT, "prisma/migrations");

/** The bookkeeping table; not part of the Prisma schema (and so left out of the drift check). */
export const MIGRATIONS_TABLE = "_mse_migrations";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations of one database, in the order they apply. */
export async function listMigrations(kind: StoreKind, root = MIGRATIONS_ROOT): Promise<Migration[]> {
  const dir = path.join(root, kind);
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

async function ensureMigrationsTable(store: Store): Promise<void> {
  const ddl = `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`;
  try {
    await execute(store.db, ddl);
  } catch (error) {
    // Two PostgreSQL sessions creating it at once: one of them loses the race, harmlessly.
    await execute(store.db, ddl).catch(() => {
      throw error;
    });
  }
}

async function appliedChecksums(store: Store): Promise<Map<string, string>> {
  const rows = await queryRows<{ name: string; checksum: string }>(
    store.db,
    `SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`,
  );
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

/** Applies every migration not yet applied; returns the names it applied. */
export async function applyMigrations(store: Store, root = MIGRATIONS_ROOT): Promise<string[]> {
  await ensureMigrationsTable(store);
  const migrations = await listMigrations(store.kind, root);
  const appliedNow: string[] = [];
  for (const migration of migrations) {
    const applied = await appliedChecksums(store);
    if (applied.has(migration.name)) {
      if (applied.get(migration.name) !== migration.checksum) {
        throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    try {
      await store.db.transaction(async (tx) => {
        // Recording it first takes the write lock, so a second process applying the same
        // migration waits here and then fails on the primary key instead of running it twice.
        await execute(
          tx,
          `INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES ($1, $2, $3)`,
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
        for (const statement of splitSqlScript(migration.sql)) await execute(tx, statement);
      });
      appliedNow.push(migration.name);
    } catch (error) {
      if ((await appliedChecksums(store)).get(migration.name) === migration.checksum) continue; // another process did it
      throw new Error(`migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return appliedNow;
}
