/** The service itself: health, the OpenAPI document, and who the token is. */
import { listSchoolIds } from "../../store/index.ts";
import { ALL_ROLES } from "../auth.ts";
import { operation, type Operation } from "../operation.ts";
import { healthSchema, meSchema } from "../schemas/common.ts";

/** The service routes; `document` returns the OpenAPI document (built once the routes are known). */
export function serviceRoutes(document: () => unknown): Operation[] {
  return [
    operation({
      method: "get",
      path: "/v1/health",
      tag: "service",
      summary: "Is the server up and its store reachable",
      access: "public",
      replies: { 200: { description: "up", schema: healthSchema } },
      handle: async ({ context }) => {
        const schools = (await listSchoolIds(context.store)).length;
        return {
          status: 200,
          body: { status: "ok", store: context.store.kind, schools, time: new Date().toISOString() },
        };
      },
    }),
    operation({
      method: "get",
      path: "/v1/openapi.json",
      tag: "service",
      summary: "This document",
      access: "public",
      replies: { 200: { description: "the OpenAPI 3.1 document" } },
      handle: async () => ({ status: 200, body: document() }),
    }),
    operation({
      method: "get",
      path: "/v1/me",
      tag: "service",
      summary: "The token's name, role and schools",
      access: ALL_ROLES,
      replies: { 200: { description: "the caller", schema: meSchema } },
      handle: async ({ caller }) => ({
        status: 200,
        body: { tokenId: caller.tokenId, name: caller.name, role: caller.role, schools: [...caller.schools] },
      }),
    }),
  ];
}
