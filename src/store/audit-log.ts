/**
 * The audit trail: who (the token's ID, never the token) read or changed which school's or
 * student's data, when, through which route, and how it went; failed sign-ins too (no token).
 * What a district answers with when asked "who saw or changed this student, and when" (FERPA).
 * Rows are only ever added, then pruned after the retention the server is given.
 */
import { execute, optional, queryRows, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store } from "./store.ts";

export const AUDIT_ACTIONS = ["read", "write", "sign_in_failed"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ["ok", "refused", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  at: Date;
  /** Absent for a failed sign-in and for a read of the OneRoster service. */
  tokenId?: number;
  /** A read of the OneRoster service: the client's client_id. */
  clientId?: string;
  action: AuditAction;
  method: string;
  /** The route's pattern (PUT /v1/schools/:schoolId/students/:studentId), the IDs being in their own fields. */
  route: string;
  schoolId?: string;
  studentId?: string;
  /** The HTTP status answered. */
  status: number;
  requestId: string;
}

export interface AuditRecord extends AuditEvent {
  id: number;
  outcome: AuditOutcome;
}

/** ok for 2xx/3xx, refused for 4xx, failed for 5xx. */
export function auditOutcome(status: number): AuditOutcome {
  return status >= 500 ? "failed" : status >= 400 ? "refused" : "ok";
}

/**
 * Adds events to the trail in one transaction: a server gathers the events of the requests
 * answered meanwhile and writes them together, one commit (one fsync on SQLite) for all.
 */
export async function recordAuditEvents(store: Store, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await store.db.transaction(async (tx) => {
    for (const event of events) {
      await execute(
        tx,
        `INSERT INTO audit_event (at, token_id, client_id, action, method, route, school_id, student_id, status, outcome, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        timestampValue(store, event.at),
        event.tokenId ?? null,
        event.clientId ?? null,
        event.action,
        event.method,
        event.route,
        event.schoolId ?? null,
        event.studentId ?? null,
        event.status,
        auditOutcome(event.status),
        event.requestId,
      );
    }
  });
}

export interface AuditQuery {
  schoolId?: string;
  studentId?: string;
  tokenId?: number;
  clientId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** From this time on (inclusive)... */
  from?: Date;
  /** ...up to this time (exclusive). */
  to?: Date;
  /** Events older than this event ID only (the next page of a listing). */
  beforeId?: number;
  limit: number;
}

interface AuditRow {
  id: unknown;
  at: unknown;
  token_id: unknown;
  client_id: string | null;
  action: string;
  method: string;
  route: string;
  school_id: string | null;
  student_id: string | null;
  status: unknown;
  outcome: string;
  request_id: string;
}

/** The events matching every filter given, newest first. */
export async function listAuditEvents(store: Store, query: AuditQuery): Promise<AuditRecord[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const filter = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replace("?", `$${args.length}`));
  };
  if (query.schoolId !== undefined) filter("school_id = ?", query.schoolId);
  if (query.studentId !== undefined) filter("student_id = ?", query.studentId);
  if (query.tokenId !== undefined) filter("token_id = ?", query.tokenId);
  if (query.clientId !== undefined) filter("client_id = ?", query.clientId);
  if (query.action !== undefined) filter("action = ?", query.action);
  if (query.outcome !== undefined) filter("outcome = ?", query.outcome);
  if (query.from !== undefined) filter("at >= ?", timestampValue(store, query.from));
  if (query.to !== undefined) filter("at < ?", timestampValue(store, query.to));
  if (query.beforeId !== undefined) filter("id < ?", query.beforeId);
  args.push(query.limit);
  const rows = await queryRows<AuditRow>(
    store.db,
    `SELECT id, at, token_id, client_id, action, method, route, school_id, student_id, status, outcome, request_id FROM audit_event
     ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT $${args.length}`,
    ...args,
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    at: toDate(r.at),
    tokenId: r.token_id === null ? undefined : toNumber(r.token_id),
    clientId: optional(r.client_id),
    action: r.action as AuditAction,
    method: r.method,
    route: r.route,
    schoolId: optional(r.school_id),
    studentId: optional(r.student_id),
    status: toNumber(r.status),
    outcome: r.outcome as AuditOutcome,
    requestId: r.request_id,
  }));
}

/** Forgets the events older than `before` (the retention); returns how many. */
export async function pruneAuditEvents(store: Store, before: Date): Promise<number> {
  return execute(store.db, `DELETE FROM audit_event WHERE at < $1`, timestampValue(store, before));
}
