/**
 * The API's side of the audit trail: every request recorded before its answer leaves, with
 * the events of requests answered meanwhile written in one transaction (a group commit). At
 * hundreds of requests a second, one commit each would cost an fsync each, on the thread that
 * answers everyone (SQLite writes are synchronous).
 */
import { recordAuditEvents, type AuditEvent, type Store } from "../store/index.ts";

interface Pending {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AuditTrail {
  store: Store;
  /** Events waiting for the next write. */
  pending: Pending[];
  /** The write under way, if any: the next one starts when it is done. */
  writing?: Promise<void>;
}

/** A trail writing to the store's audit_event table. */
export function createAuditTrail(store: Store): AuditTrail {
  return { store, pending: [] };
}

/** Writes everything pending in one transaction, then whatever came meanwhile, until nothing is left. */
async function drain(trail: AuditTrail): Promise<void> {
  while (trail.pending.length > 0) {
    const batch = trail.pending.splice(0);
    await recordAuditEvents(
      trail.store,
      batch.map((p) => p.event),
    ).then(
      () => batch.forEach((p) => p.resolve()),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
  trail.writing = undefined;
}

/** Resolves once the event is in the store (with those recorded about the same time). */
export function recordAudit(trail: AuditTrail, event: AuditEvent): Promise<void> {
  return new Promise((resolve, reject) => {
    trail.pending.push({ event, resolve, reject });
    // Started on the next turn of the loop, so that the events of requests answered in this one go together.
    trail.writing ??= new Promise<void>((started) => setImmediate(started)).then(() => drain(trail));
  });
}
