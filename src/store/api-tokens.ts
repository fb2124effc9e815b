/**
 * API tokens: who may call the HTTP API, in which role, for which schools. Only the SHA-256 of
 * a token is stored; the token itself is shown once, when it is made, and cannot be recovered.
 */
import { createHash, randomBytes } from "node:crypto";
import { execute, optional, queryRows, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export const API_ROLES = ["counselor", "district", "qa"] as const;
/** counselor: their own schools; district: every school; qa: read-only figures and benchmarks, never student data. */
export type ApiRole = (typeof API_ROLES)[number];

/** Every token starts with this, so that a leaked one is recognizable (secret scanners, logs). */
export const TOKEN_PREFIX = "mse_";

export interface ApiTokenRecord {
  id: number;
  name: string;
  role: ApiRole;
  /** The schools a counselor may see and run; empty for the other roles. */
  schools: string[];
  createdAt: Date;
  revokedAt?: Date;
}

export interface NewApiToken {
  name: string;
  role: ApiRole;
  schools?: string[];
}

/** Hex SHA-256 of a token: what the store keeps and looks tokens up by. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token: the prefix and 32 random bytes in base64url. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The columns of api_token that make a record (prefix them with an alias in a join). */
export const TOKEN_COLUMNS = ["id", "name", "role", "schools", "created_at", "revoked_at"] as const;

export interface TokenRow {
  id: unknown;
  name: string;
  role: string;
  schools: string;
  created_at: unknown;
  revoked_at: unknown;
}

/** A row of api_token as its record. */
export function tokenRecord(row: TokenRow): ApiTokenRecord {
  const revokedAt = optional(row.revoked_at);
  return {
    id: toNumber(row.id),
    name: row.name,
    role: row.role as ApiRole,
    schools: JSON.parse(row.schools) as string[],
    createdAt: toDate(row.created_at),
    revokedAt: revokedAt === undefined ? undefined : toDate(revokedAt),
  };
}

/**
 * Creates a token and returns it with its record: the only time the token is ever available.
 * A counselor's token must name at least one school; the other roles name none.
 */
export async function createApiToken(
  store: Store,
  spec: NewApiToken,
): Promise<{ token: string; record: ApiTokenRecord }> {
  const schools = [...new Set(spec.schools ?? [])];
  if (!(API_ROLES as readonly string[]).includes(spec.role))
    throw new Error(`unknown role ${JSON.stringify(spec.role)}: one of ${API_ROLES.join(", ")}`);
  if (spec.role === "counselor" && schools.length === 0)
    throw new Error("a counselor's token must name at least one school");
  if (spec.role !== "counselor" && schools.length > 0)
    throw new Error(`a ${spec.role} token sees every school: name none`);
  if (spec.name.trim() === "") throw new Error("a token needs a name (who or what uses it)");
  const token = generateToken();
  // In a transaction of its own: see idempotent-requests.ts (one SQLite connection per store).
  const [row] = await store.db.transaction((tx) =>
    queryRows<TokenRow>(
      tx,
      `INSERT INTO api_token (name, token_hash, role, schools, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${TOKEN_COLUMNS.join(", ")}`,
      spec.name,
      hashToken(token),
      spec.role,
      JSON.stringify(schools),
      timestampValue(store, new Date()),
    ),
  );
  return { token, record: tokenRecord(row!) };
}

/** The record of a token (revoked or not), or undefined when no token has this value. */
export async function findApiToken(store: Store, token: string): Promise<ApiTokenRecord | undefined> {
  const [row] = await queryRows<TokenRow>(
    store.db,
    `SELECT ${TOKEN_COLUMNS.join(", ")} FROM api_token WHERE token_hash = $1`,
    hashToken(token),
  );
  return row ? tokenRecord(row) : undefined;
}

/** Every token's record, oldest first. */
export async function listApiTokens(store: Store): Promise<ApiTokenRecord[]> {
  const rows = await queryRows<TokenRow>(store.db, `SELECT ${TOKEN_COLUMNS.join(", ")} FROM api_token ORDER BY id`);
  return rows.map(tokenRecord);
}

/** Revokes a token at once; returns false when there is no such token or it was already revoked. */
export async function revokeApiToken(store: Store, id: number): Promise<boolean> {
  const changed = await store.db.transaction((tx) =>
    execute(
      tx,
      `UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
      timestampValue(store, new Date()),
      id,
    ),
  );
  return changed > 0;
}
