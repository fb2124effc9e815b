/**
 * OAuth 2.0 client credentials for the rostering service (RFC 6749 section 4.4, as the
 * OneRoster 1.2 security framework asks): POST /oauth/token with the client ID and secret in
 * HTTP Basic and a form body `grant_type=client_credentials` and the read-only roster scope
 * gives a bearer token that expires; every rostering read needs one.
 */
import express, { type Request, type RequestHandler, type Router } from "express";
import {
  findOneRosterToken,
  issueOneRosterToken,
  verifyOneRosterClient,
  type OneRosterClientRecord,
  type Store,
} from "../../store/index.ts";
import { OneRosterError } from "./oneroster-error.ts";

/** The scope of read access to every rostering endpoint. */
export const ROSTER_READONLY_SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
/** How long a token lasts unless the server says otherwise. */
export const DEFAULT_TOKEN_LIFETIME_MS = 3600_000;

/** The client a request was authenticated as, kept on res.locals. */
export const CLIENT_LOCAL = "oneRosterClient";

/** An OAuth error answer (RFC 6749 section 5.2). */
function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  return { status, body: { error, error_description: description }, headers };
}

function basicCredentials(req: Request): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get("authorization") ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // RFC 6749 2.3.1: both are form-urlencoded before they are put in the header.
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " ")),
    };
  } catch {
    return undefined;
  }
}

/** POST /oauth/token. */
export function tokenRouter(store: Store, lifetimeMs = DEFAULT_TOKEN_LIFETIME_MS): Router {
  const router = express.Router();
  router.post("/oauth/token", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res, next) => {
    try {
      res.set("Cache-Control", "no-store");
      res.set("Pragma", "no-cache");
      const answer = await grant(store, req, lifetimeMs);
      res.status(answer.status).set(answer.headers).json(answer.body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

async function grant(store: Store, req: Request, lifetimeMs: number) {
  const credentials = basicCredentials(req);
  if (!credentials)
    return oauthError(401, "invalid_client", "send the client ID and secret in HTTP Basic", {
      "WWW-Authenticate": 'Basic realm="oneroster"',
    });
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.grant_type !== "client_credentials")
    return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
  const client = await verifyOneRosterClient(store, credentials.id, credentials.secret);
  if (!client)
    return oauthError(401, "invalid_client", "unknown client, wrong secret or revoked client", {
      "WWW-Authenticate": 'Basic realm="oneroster"',
    });
  const scopes =
    typeof body.scope === "string" && body.scope.trim() !== ""
      ? body.scope.trim().split(/\s+/)
      : [ROSTER_READONLY_SCOPE];
  if (!scopes.includes(ROSTER_READONLY_SCOPE))
    return oauthError(400, "invalid_scope", `this service grants only ${ROSTER_READONLY_SCOPE}`);
  const { token } = await issueOneRosterToken(store, client.clientId, lifetimeMs);
  const body200: Record<string, unknown> = {
    access_token: token,
    token_type: "bearer",
    expires_in: Math.floor(lifetimeMs / 1000),
    scope: ROSTER_READONLY_SCOPE,
  };
  return { status: 200, body: body200, headers: {} as Record<string, string> };
}

/** Requires a valid bearer token on every request below it; 401 unauthorisedrequest otherwise. */
export function requireBearer(store: Store): RequestHandler {
  return async (req, res, next) => {
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
      const client = match ? await findOneRosterToken(store, match[1]!) : undefined;
      if (!client) {
        res.set("WWW-Authenticate", 'Bearer realm="oneroster"');
        throw new OneRosterError(
          401,
          "unauthorisedrequest",
          match
            ? "the access token is unknown, expired or its client revoked"
            : "send Authorization: Bearer <token> from POST /oauth/token",
        );
      }
      res.locals[CLIENT_LOCAL] = client;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The client of an authenticated request. */
export function clientOf(res: { locals: Record<string, unknown> }): OneRosterClientRecord {
  return res.locals[CLIENT_LOCAL] as OneRosterClientRecord;
}
