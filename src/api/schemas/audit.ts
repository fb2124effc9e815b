/** The audit trail as GET /v1/audit shows it, and its filters. */
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "../../store/index.ts";
import { dateTime, idString } from "./common.ts";

/** A timestamp in a query: ISO 8601 text with its zone (2026-12-05T10:00:00Z). */
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/** Digits only, as in a path's run ID. */
const positiveId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, "a positive whole number in decimal digits")
  .transform(Number);

export const auditQuery = z.strictObject({
  schoolId: idString.optional().meta({ description: "events about this school" }),
  studentId: idString.optional().meta({ description: "events about this student (who read or changed them)" }),
  tokenId: positiveId.optional().meta({ description: "events of this token (mse token list)" }),
  clientId: idString.optional().meta({ description: "reads of this OneRoster client (mse oneroster client list)" }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: instant.optional().meta({ description: "from this time on (ISO 8601 with a zone)" }),
  to: instant.optional().meta({ description: "before this time" }),
  before: positiveId.optional().meta({ description: "events older than this event ID: the next page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .meta({ description: "most events returned, newest first" }),
});

export const auditEventView = z
  .object({
    id: z.number().int(),
    at: dateTime,
    tokenId: z
      .number()
      .int()
      .optional()
      .meta({ description: "the token's ID (never the token); absent for a failed sign-in" }),
    clientId: z.string().optional().meta({ description: "a read of the OneRoster service: the client's client_id" }),
    action: z.enum(AUDIT_ACTIONS),
    method: z.string(),
    route: z.string().meta({ description: "the route's pattern; the school and student are in their own fields" }),
    schoolId: z.string().optional(),
    studentId: z.string().optional(),
    status: z.number().int(),
    outcome: z.enum(AUDIT_OUTCOMES),
    requestId: z.string(),
  })
  .meta({ id: "AuditEvent" });

export const auditList = z.object({
  events: z.array(auditEventView),
  next: z.string().optional().meta({ description: "the next (older) page, when this one was full" }),
});
