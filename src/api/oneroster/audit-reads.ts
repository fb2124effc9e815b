/**
 * The OneRoster service's side of the audit trail: every request to the rostering service
 * (users, classes, enrollments: student data) is recorded with the client that made it, and a
 * request without a valid access token as a failed sign-in. Recorded once answered (the
 * service's handlers send their answers themselves); a write failure goes to the log.
 */
import type { RequestHandler } from "express";
import { recordAudit, type AuditTrail } from "../audit-trail.ts";
import type { ApiLog } from "../log.ts";
import { ROSTERING_BASE } from "./resources.ts";

/** The middleware that audits each request of the rostering router (mount it first). */
export function auditOneRosterReads(
  trail: AuditTrail,
  log: ApiLog | undefined,
  clientIdOf: (locals: Record<string, unknown>) => string | undefined,
): RequestHandler {
  return (req, res, next) => {
    const at = new Date();
    res.once("finish", () => {
      const signInFailed = res.statusCode === 401;
      const clientId = clientIdOf(res.locals);
      if (!signInFailed && clientId === undefined) return;
      // The route's pattern: a path names students by sourcedId.
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      recordAudit(trail, {
        at,
        clientId,
        action: signInFailed ? "sign_in_failed" : "read",
        method: req.method,
        route: `${ROSTERING_BASE}${typeof pattern === "string" ? pattern : ""}`,
        status: res.statusCode,
        requestId: String(res.locals.requestId),
      }).catch((error: unknown) =>
        log?.({
          level: "error",
          message: "writing the audit trail failed",
          requestId: String(res.locals.requestId),
          error,
        }),
      );
    });
    next();
  };
}
