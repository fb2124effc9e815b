/**
 * Browser sessions of the workspace: signing in with an API token gives a random session ID in
 * an HttpOnly, SameSite=Strict cookie; the token itself stays on the server, never in the page's
 * reach nor in a URL. Sessions are kept in the store (src/store/web-sessions.ts, only the ID's
 * hash): every server of the store accepts them, and a restart signs nobody out. A request
 * with the cookie and no Authorization header is the token's.
 * Cookie-authenticated writes must carry the CSRF header (a cross-site form cannot set one,
 * and a cross-origin script would need a CORS preflight this server never grants).
 */
import type { Request } from "express";
import { parseCookie, stringifySetCookie } from "cookie";
import { ApiError } from "./errors.ts";

export const SESSION_COOKIE = "mse_session";
/** The header a cookie-authenticated write must carry, with the value "1". */
export const CSRF_HEADER = "x-mse-csrf";
/** A session lasts this long from sign-in (a working day). */
export const SESSION_LIFETIME_MS = 10 * 3600_000;

/** The request's session ID (the cookie), if it sent one. */
export function sessionIdOf(req: Request): string | undefined {
  const header = req.get("cookie");
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** The Set-Cookie header value of a session (or of its removal when `id` is undefined). */
export function sessionCookie(id: string | undefined, secure: boolean): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: id ?? "",
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: id ? SESSION_LIFETIME_MS / 1000 : 0,
  });
}

/** 403 unless a write from the browser proves it came from our own page (the custom header, and the same origin when the browser names one). */
export function requireSameOrigin(req: Request): void {
  if (req.get(CSRF_HEADER) !== "1") {
    throw new ApiError(
      403,
      "csrf_header_missing",
      `a write signed in by cookie must send the header ${CSRF_HEADER}: 1`,
    );
  }
  const origin = req.get("origin");
  if (origin && origin !== `${req.protocol}://${req.get("host")}`) {
    throw new ApiError(
      403,
      "cross_origin",
      `a write signed in by cookie must come from this server's own page, not ${origin}`,
    );
  }
}
