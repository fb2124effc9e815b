/**
 * The two databases every store spec runs on: a SQLite file in a temp folder, and a fresh
 * PostgreSQL database on the server named by DATABASE_URL_POSTGRES. When PostgreSQL cannot be
 * reached the PostgreSQL specs are skipped on a developer's machine but FAIL under CI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, it } from "vitest";
import type { StoreKind } from "../../../src/store/index.ts";

export const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/test";

/** A database for one spec file: a URL to open, and a way to start each test from empty. */
export interface TestDatabase {
  kind: StoreKind;
  /** Creates the database; returns its URL. */
  create(): Promise<string>;
  /** Drops everything it created. */
  destroy(): Promise<void>;
}

/** Runs `sql` on the server's maintenance connection (the URL's own database). */
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the PostgreSQL server answers. */
export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh SQLite file per create(). */
export function sqliteDatabase(): TestDatabase {
  const dirs: string[] = [];
  return {
    kind: "sqlite",
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), "mse-store-"));
      dirs.push(dir);
      return `file:${path.join(dir, "mse.db")}`;
    },
    async destroy() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL database per create(), so that spec files and tests never collide. */
export function postgresDatabase(): TestDatabase {
  const names: string[] = [];
  return {
    kind: "postgresql",
    async create() {
      const name = `mse_test_${process.pid}_${Date.now().toString(36)}_${names.length}`;
      await adminQuery(`CREATE DATABASE "${name}"`);
      names.push(name);
      return withDatabase(POSTGRES_URL, name);
    },
    async destroy() {
      for (const name of names.splice(0)) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

const postgresUp = await postgresReachable();

/**
 * Declares `specs` once per database. PostgreSQL specs are skipped when the server is down,
 * unless CI is set: then a failing spec says that the server is required.
 */
export function forEachDatabase(specs: (database: TestDatabase) => void): void {
  describe("on SQLite", () => specs(sqliteDatabase()));
  if (postgresUp) {
    describe("on PostgreSQL", () => specs(postgresDatabase()));
  } else if (process.env.CI) {
    describe("on PostgreSQL", () => {
      it("needs the PostgreSQL server (CI is set, so this fails instead of skipping)", () => {
        throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}; CI must start it (see .ci/run)`);
      });
    });
  } else {
    describe.skip(`on PostgreSQL (not reachable at ${POSTGRES_URL}; skipped because CI is unset)`, () =>
      specs(postgresDatabase()));
  }
}
