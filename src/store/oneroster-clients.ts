/**
 * The OAuth 2.0 clients of the OneRoster rostering service and the access tokens handed to
 * them. Only SHA-256 digests of secrets and tokens are kept: a client secret is shown once,
 * when the client is made, and an access token only to the client that asked for it.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { hashToken } from "./api-tokens.ts";
import { execute, optional, queryRows, timestampValue, toDate } from "./sql.ts";
import type { Store } from "./store.ts";

export interface OneRosterClientRecord {
  clientId: string;
  name: string;
  /** The schools the client may read; empty = the whole district. */
  schools: string[];
  createdAt: Date;
  revokedAt?: Date;
}

interface ClientRow {
  id: string;
  name: string;
  secret_hash: string;
  schools: string;
  created_at: unknown;
  revoked_at: unknown;
}

function toRecord(row: ClientRow): OneRosterClientRecord {
  const revokedAt = optional(row.revoked_at);
  return {
    clientId: row.id,
    name: row.name,
    schools: JSON.parse(row.schools) as string[],
    createdAt: toDate(row.created_at),
    revokedAt: revokedAt === undefined ? undefined : toDate(revokedAt),
  };
}

const CLIENT_COLUMNS = "id, name, secret_hash, schools, created_at, revoked_at";

/**
 * Makes a client for the whole district (schools empty) or for some schools, and returns its
 * secret with its record: the only time the secret is ever available.
 */
export async function createOneRosterClient(
  store: Store,
  spec: { name: string; schools?: string[] },
): Promise<{ secret: string; record: OneRosterClientRecord }> {
  if (spec.name.trim() === "") throw new Error("a client needs a name (the platform that uses it)");
  const schools = [...new Set(spec.schools ?? [])];
  const clientId = `mse-or-${randomBytes(12).toString("base64url")}`;
  const secret = randomBytes(32).toString("base64url");
  // In a transaction of its own: see idempotent-requests.ts (one SQLite connection per store).
  const [row] = await store.db.transaction((tx) =>
    queryRows<ClientRow>(
      tx,
      `INSERT INTO oneroster_client (id, name, secret_hash, schools, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${CLIENT_COLUMNS}`,
      clientId,
      spec.name,
      hashToken(secret),
      JSON.stringify(schools),
      timestampValue(store, new Date()),
    ),
  );
  return { secret, record: toRecord(row!) };
}

/** The client with this ID and secret, unless unknown, revoked or the secret is wrong. */
export async function verifyOneRosterClient(
  store: Store,
  clientId: string,
  secret: string,
): Promise<OneRosterClientRecord | undefined> {
  const [row] = await queryRows<ClientRow>(
    store.db,
    `SELECT ${CLIENT_COLUMNS} FROM oneroster_client WHERE id = $1`,
    clientId,
  );
  if (!row || optional(row.revoked_at) !== undefined) return undefined;
  const given = Buffer.from(hashToken(secret), "hex");
  const kept = Buffer.from(row.secret_hash, "hex");
  return given.length === kept.length && timingSafeEqual(given, kept) ? toRecord(row) : undefined;
}

/** Every client's record (never a secret), oldest first. */
export async function listOneRosterClients(store: Store): Promise<OneRosterClientRecord[]> {
  return (
    await queryRows<ClientRow>(store.db, `SELECT ${CLIENT_COLUMNS} FROM oneroster_client ORDER BY created_at, id`)
  ).map(toRecord);
}

/** Revokes a client and drops its tokens; false when there is no such client or it was already revoked. */
export async function revokeOneRosterClient(store: Store, clientId: string): Promise<boolean> {
  return store.db.transaction(async (tx) => {
    const changed = await execute(
      tx,
      `UPDATE oneroster_client SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
      timestampValue(store, new Date()),
      clientId,
    );
    await execute(tx, `DELETE FROM oneroster_access_token WHERE client_id = $1`, clientId);
    return changed > 0;
  });
}

/** Hands a client a new access token valid for `lifetimeMs`, and forgets the client's expired ones. */
export async function issueOneRosterToken(
  store: Store,
  clientId: string,
  lifetimeMs: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await store.db.transaction(async (tx) => {
    await execute(
      tx,
      `DELETE FROM oneroster_access_token WHERE client_id = $1 AND expires_at <= $2`,
      clientId,
      timestampValue(store, now),
    );
    await execute(
      tx,
      `INSERT INTO oneroster_access_token (token_hash, client_id, expires_at) VALUES ($1, $2, $3)`,
      hashToken(token),
      clientId,
      timestampValue(store, expiresAt),
    );
  });
  return { token, expiresAt };
}

/** The client an unexpired access token was handed to, unless the client was revoked since. */
export async function findOneRosterToken(
  store: Store,
  token: string,
  now = new Date(),
): Promise<OneRosterClientRecord | undefined> {
  const [row] = await queryRows<ClientRow & { expires_at: unknown }>(
    store.db,
    `SELECT c.id, c.name, c.secret_hash, c.schools, c.created_at, c.revoked_at, t.expires_at
       FROM oneroster_access_token t JOIN oneroster_client c ON c.id = t.client_id WHERE t.token_hash = $1`,
    hashToken(token),
  );
  if (!row || optional(row.revoked_at) !== undefined || toDate(row.expires_at) <= now) return undefined;
  return toRecord(row);
}
