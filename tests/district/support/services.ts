/**
 * The servers the queue specs need: Redis (REDIS_URL) and PostgreSQL (DATABASE_URL_POSTGRES).
 * A spec group that needs one that cannot be reached is skipped on a developer's machine but
 * FAILS when CI is set: CI must start them (see .ci/run).
 */
import { Redis } from "ioredis";
import pg from "pg";
import { describe, it } from "vitest";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const POSTGRES_URL = process.env.DATABASE_URL_POSTGRES ?? "postgresql://postgres@127.0.0.1:5432/test";

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The failed connect is the answer; ioredis would also print it as an unhandled error event.
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  return adminQuery("SELECT 1").then(
    () => true,
    () => false,
  );
}

const reachable = { redis: await redisReachable(), postgres: await postgresReachable() };
const where = { redis: REDIS_URL, postgres: POSTGRES_URL };

/** Declares `specs` under `name` when every server in `needs` answers; otherwise skips them, or fails under CI. */
export function describeWithServices(name: string, needs: ("redis" | "postgres")[], specs: () => void): void {
  const missing = needs.filter((service) => !reachable[service]);
  if (missing.length === 0) describe(name, specs);
  else if (process.env.CI) {
    describe(name, () => {
      it(`needs ${missing.join(" and ")} (CI is set, so this fails instead of skipping)`, () => {
        throw new Error(
          `${missing.map((s) => `${s} is not reachable at ${where[s]}`).join("; ")}; CI must start it (see .ci/run)`,
        );
      });
    });
  } else describe.skip(`${name} (${missing.join(", ")} not reachable; skipped because CI is unset)`, specs);
}

/** A queue key prefix no other run of the specs uses. */
export function uniquePrefix(label: string): string {
  return `mse-test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every Redis key under `prefix`. */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** A fresh PostgreSQL database; returns its URL and a function that drops it. */
export async function createPostgresDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mse_${label}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
