import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiOperations } from "../../src/api/app.ts";
import { startApiServer, type ApiServer } from "./support/api-server.ts";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
        security: unknown[];
        parameters?: { name: string; in: string }[];
        requestBody?: {
          content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }>;
        };
        "x-roles": string[];
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe("the OpenAPI document", () => {
  let server: ApiServer;
  let doc: Doc;
  beforeAll(async () => {
    server = await startApiServer({ run: false });
    doc = (await server.call("GET", "/v1/openapi.json")).body;
  });
  afterAll(() => server.close());

  it("is OpenAPI 3.1 and documents exactly the routes the app serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = apiOperations().map((op) => `${op.method.toUpperCase()} ${op.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it("gives every route its roles, its errors in the one Error shape, and a 500", () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method} ${path}`;
        expect(op.responses["500"], name).toBeDefined();
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400)
            expect(response.content?.["application/json"]?.schema, `${name} ${status}`).toEqual({
              $ref: "#/components/schemas/Error",
            });
        }
        if (op.security.length > 0) {
          expect(op.responses["401"], name).toBeDefined();
          expect(op["x-roles"].length, name).toBeGreaterThan(0);
        }
      }
    }
    expect(doc.components.schemas.Error).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes the enrollment body from its zod schema: required fields, defaults optional, and the Idempotency-Key header", () => {
    const put = doc.paths["/v1/schools/{schoolId}/students/{studentId}"]!.put!;
    const body = put.requestBody!.content["application/json"]!.schema;
    expect(body.required).toEqual(["grade", "requests"]);
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["grade", "givenName", "familyName", "iep", "requests", "place", "allowMoves"]),
    );
    expect(put.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:schoolId",
      "path:studentId",
      "header:Idempotency-Key",
    ]);
    expect(put.responses["201"]!.content!["application/json"]!.schema).toBeDefined();
  });
});
