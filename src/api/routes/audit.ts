/** The audit trail: who read or changed which student's data, when, and failed sign-ins; district operations only. */
import { listAuditEvents } from "../../store/index.ts";
import { operation, type Operation } from "../operation.ts";
import { auditList, auditQuery } from "../schemas/audit.ts";
import { compact } from "../views.ts";

export const auditRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/audit",
    tag: "audit",
    summary: "The audit trail, newest first: every read of student data, every write and every failed sign-in",
    description:
      "Filters combine (all must hold). A full page says where the next one is (next). Events are kept for the retention the server was given.",
    access: ["district"],
    // It names students: reading it is itself recorded.
    readsStudentData: true,
    query: auditQuery,
    replies: { 200: { description: "the events", schema: auditList } },
    handle: async ({ query, context }) => {
      const { before, ...filters } = query;
      const events = await listAuditEvents(context.store, { ...filters, beforeId: before });
      const last = events.at(-1);
      let next: string | undefined;
      if (last && events.length === query.limit) {
        const params = new URLSearchParams();
        for (const [name, value] of Object.entries({ ...query, before: last.id })) {
          if (value !== undefined) params.set(name, value instanceof Date ? value.toISOString() : String(value));
        }
        next = `/v1/audit?${params.toString()}`;
      }
      return {
        status: 200,
        body: compact({ events: events.map((e) => compact({ ...e, at: e.at.toISOString() })), next }),
      };
    },
  }),
];
