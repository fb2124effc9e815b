/**
 * Workspace sessions: a random session ID in the browser's cookie stands for an API token until
 * it expires or is ended. Only the SHA-256 of the ID is kept (a copy of the database opens no
 * session), with the token's ID, never the token; every server of the store accepts it and a
 * restart signs nobody out.
 */
import { randomBytes } from "node:crypto";
import { hashToken, TOKEN_COLUMNS, tokenRecord, type ApiTokenRecord, type TokenRow } from "./api-tokens.ts";
import { execute, queryRows, timestampValue } from "./sql.ts";
import type { Store } from "./store.ts";

/** Hex SHA-256, as API tokens are kept. */
const hashSessionId = hashToken;

/** Opens a session for token `tokenId` lasting `lifetimeMs`; returns its ID (the only time it exists outside the cookie). Expired sessions are swept on the way. */
export async function openWebSession(store: Store, tokenId: number, lifetimeMs: number): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await store.db.transaction(async (tx) => {
    await execute(tx, `DELETE FROM web_session WHERE expires_at <= $1`, timestampValue(store, now));
    await execute(
      tx,
      `INSERT INTO web_session (id_hash, token_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      hashSessionId(id),
      tokenId,
      timestampValue(store, now),
      timestampValue(store, new Date(now.getTime() + lifetimeMs)),
    );
  });
  return id;
}

/** The record of the token a live session stands for (revoked or not), or undefined when there is no such session or it expired. */
export async function findWebSession(store: Store, id: string): Promise<ApiTokenRecord | undefined> {
  const [row] = await queryRows<TokenRow>(
    store.db,
    `SELECT ${TOKEN_COLUMNS.map((c) => `t.${c}`).join(", ")} FROM web_session s JOIN api_token t ON t.id = s.token_id
     WHERE s.id_hash = $1 AND s.expires_at > $2`,
    hashSessionId(id),
    timestampValue(store, new Date()),
  );
  return row ? tokenRecord(row) : undefined;
}

/** Ends a session (sign-out); false when there was none. */
export async function endWebSession(store: Store, id: string): Promise<boolean> {
  const ended = await store.db.transaction((tx) =>
    execute(tx, `DELETE FROM web_session WHERE id_hash = $1`, hashSessionId(id)),
  );
  return ended > 0;
}
