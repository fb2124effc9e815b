/**
 * Idempotency keys: a write retried with the same `Idempotency-Key` gets the first answer back
 * instead of being done twice. Keys belong to a token; the same key with another request or
 * another body is refused (422), and a key whose first request is still running gets 409.
 * Only successful answers are kept: a request that failed may be retried with its key.
 */
import {
  claimIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotentRequest,
  type Store,
} from "../store/index.ts";
import { canonicalHash } from "./canonical-hash.ts";
import { ApiError } from "./errors.ts";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** What is kept of an answer: enough to send it again byte for byte. */
export interface StoredReply {
  status: number;
  body: unknown;
  location?: string;
}

/** A claimed key: the request does its work, then settles the key with its outcome. */
export interface IdempotencyTicket {
  tokenId: number;
  key: string;
}

/** Checks a key's form: 1 to 200 visible ASCII characters (a UUID fits). */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new ApiError(
      400,
      "invalid_idempotency_key",
      `${IDEMPOTENCY_HEADER} must be 1 to 200 visible ASCII characters`,
      [{ path: `headers.${IDEMPOTENCY_HEADER.toLowerCase()}`, message: "1 to 200 visible ASCII characters" }],
    );
  }
  return value;
}

/** The hash kept of a body as its schema parsed it (defaults filled in): keys in any order, defaults written out or not, the same. */
export const bodyHash = canonicalHash;

/**
 * Claims the key for this request. Returns a ticket to settle when the work is done, or the
 * stored reply of the first request with this key; throws 409/422 when it cannot be used.
 */
export async function claimKey(
  store: Store,
  claim: { tokenId: number; key: string; request: string; bodyHash: string; staleAfterMs: number; holder: string },
): Promise<{ ticket: IdempotencyTicket } | { replay: StoredReply }> {
  const outcome = await claimIdempotentRequest(store, {
    tokenId: claim.tokenId,
    key: claim.key,
    request: claim.request,
    bodyHash: claim.bodyHash,
    staleAfterMs: claim.staleAfterMs,
    holder: claim.holder,
  });
  switch (outcome.kind) {
    case "claimed":
      return { ticket: { tokenId: claim.tokenId, key: claim.key } };
    case "replay":
      return { replay: JSON.parse(outcome.response) as StoredReply };
    case "in_progress":
      throw new ApiError(
        409,
        "idempotency_key_in_progress",
        "the first request with this Idempotency-Key is still being handled; retry shortly",
      );
    case "mismatch":
      throw new ApiError(
        422,
        "idempotency_key_reused",
        `this Idempotency-Key was used for another request (${outcome.request}) or with another body: use a new key for a new request`,
        [{ path: `headers.${IDEMPOTENCY_HEADER.toLowerCase()}`, message: "already used with another request or body" }],
      );
  }
}

/** Keeps a successful reply for retries, or gives the key up when the request failed. */
export async function settleKey(
  store: Store,
  ticket: IdempotencyTicket,
  reply: StoredReply | undefined,
): Promise<void> {
  if (reply && reply.status < 400)
    await completeIdempotentRequest(store, ticket.tokenId, ticket.key, reply.status, JSON.stringify(reply));
  else await releaseIdempotentRequest(store, ticket.tokenId, ticket.key);
}
