/** The workspace's sign-in and sign-out: a session cookie standing for an API token (src/api/sessions.ts). */
import { z } from "zod";
import { endWebSession, findApiToken, openWebSession } from "../../store/index.ts";
import { ApiError } from "../errors.ts";
import { operation, type Operation } from "../operation.ts";
import { meSchema } from "../schemas/common.ts";
import { SESSION_LIFETIME_MS, sessionCookie } from "../sessions.ts";

const signInBody = z.strictObject({
  token: z
    .string()
    .min(1, "must not be empty")
    .max(200, "at most 200 characters")
    .meta({ description: "an API token (mse token create)" }),
});

export const sessionRoutes: Operation[] = [
  operation({
    method: "post",
    path: "/v1/session",
    tag: "service",
    summary: "Sign in the workspace: an HttpOnly session cookie for the token",
    description:
      "The token stays on the server; the cookie (HttpOnly, SameSite=Strict) stands for it until sign-out or 10 hours. Requests with the cookie and no Authorization header are the token's; their writes must send `X-MSE-CSRF: 1`, as must this one.",
    access: "public",
    csrf: true,
    signIn: true,
    body: signInBody,
    replies: { 201: { description: "signed in: the caller, and the cookie in Set-Cookie", schema: meSchema } },
    errors: [401],
    handle: async ({ body, context, secure }) => {
      const record = await findApiToken(context.store, body.token);
      if (!record || record.revokedAt) throw new ApiError(401, "invalid_token", "the token is unknown or revoked");
      const id = await openWebSession(context.store, record.id, SESSION_LIFETIME_MS);
      return {
        status: 201,
        cookie: sessionCookie(id, secure),
        body: { tokenId: record.id, name: record.name, role: record.role, schools: [...record.schools] },
      };
    },
  }),
  operation({
    method: "delete",
    path: "/v1/session",
    tag: "service",
    summary: "Sign out the workspace: the session ends and its cookie is cleared",
    access: "public",
    csrf: true,
    replies: { 200: { description: "signed out", schema: z.object({ signedOut: z.literal(true) }) } },
    handle: async ({ sessionId, context, secure }) => {
      if (sessionId !== undefined) await endWebSession(context.store, sessionId);
      return { status: 200, cookie: sessionCookie(undefined, secure), body: { signedOut: true } };
    },
  }),
];
