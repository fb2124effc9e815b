/**
 * The OpenAPI 3.1 document of the API, generated from the operations themselves: their paths,
 * roles, and zod schemas (z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect).
 * Schemas given an id (`.meta({ id })`) become shared components.
 */
import { z } from "zod";
import type { Operation } from "./operation.ts";
import { errorSchema } from "./schemas/common.ts";

type Json = Record<string, unknown>;

const ERROR_TEXT: Record<number, string> = {
  400: "malformed: bad JSON, or a parameter, query or body field not as documented (issues name each field)",
  401: "no token, or an unknown or revoked one",
  403: "the token's role may not do this, or it may not see this school",
  404: "no such school, student, run or job, or nothing published yet",
  409: "conflict: a run in progress, or the first request with this Idempotency-Key is still being handled",
  413: "the body is over the limit; nothing was changed",
  415: "the body is not application/json",
  422: "well-formed, but refers to what does not exist, or reuses an Idempotency-Key with another body",
  429: "over a limit (requests per minute of the token or the school, failed sign-ins, runs open): nothing was done; see Retry-After",
  500: "the server failed; the body says only which request it was",
};

/** Turns `#/$defs/X` references into component references, collecting the definitions. */
function hoist(schema: Json, components: Json, suffix: string): Json {
  const { $schema: _, $defs, ...rest } = schema as Json & { $defs?: Record<string, Json> };
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string"
          ? v.replace(/^#\/\$defs\/(.+)$/, (_m, id: string) => `#/components/schemas/${id}${suffix}`)
          : rename(v),
      ]),
    );
  };
  for (const [id, def] of Object.entries($defs ?? {})) components[`${id}${suffix}`] = rename(def);
  return rename(rest) as Json;
}

/** A zod schema as an OpenAPI 3.1 schema object; `input` for what callers send (defaults make fields optional). */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  return hoist(
    z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json,
    components,
    io === "input" ? "Input" : "",
  );
}

/** The parameters of a params or query object schema. */
function parametersOf(schema: z.ZodType | undefined, where: "path" | "query", components: Json): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, "input", components) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** Error statuses an operation may answer: the checks' and its own. */
function errorStatuses(op: Operation): number[] {
  const statuses = new Set<number>(op.errors ?? []);
  if (op.access !== "public") [401, 403, 429].forEach((s) => statuses.add(s));
  if (op.params || op.query || op.body) statuses.add(400);
  if (op.body) [413, 415].forEach((s) => statuses.add(s));
  if (op.idempotent) [409, 422].forEach((s) => statuses.add(s));
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

const operationId = (op: Operation): string =>
  op.method +
  op.path
    .replace(/^\/v1/, "")
    .split(/[/-]/)
    .filter(Boolean)
    .map((part) => {
      const word = part.replace(/^:/, "by-");
      return word
        .split("-")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("");
    })
    .join("");

/** The whole document. */
export function openApiDocument(operations: readonly Operation[], version: string): Json {
  const components: Json = {};
  const errorRef = { $ref: "#/components/schemas/Error" };
  // errorSchema has the id "Error": converting it puts it among the components.
  schemaOf(errorSchema, "output", components);
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, "{$1}");
    const responses: Json = {};
    for (const [status, reply] of Object.entries(op.replies)) {
      responses[status] = {
        description: reply.description,
        ...(reply.location
          ? {
              headers: {
                Location: {
                  description: status === "202" ? "the job to poll" : "the resource",
                  schema: { type: "string" },
                },
              },
            }
          : {}),
        ...(reply.schema
          ? { content: { "application/json": { schema: schemaOf(reply.schema, "output", components) } } }
          : {}),
      };
    }
    for (const status of errorStatuses(op)) {
      responses[String(status)] = {
        description: ERROR_TEXT[status] ?? "error",
        content: { "application/json": { schema: errorRef } },
      };
    }
    const parameters = [...parametersOf(op.params, "path", components), ...parametersOf(op.query, "query", components)];
    if (op.idempotent) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string", minLength: 1, maxLength: 200 },
        description:
          "makes a retry safe: the same key (for this token) with the same request gets the first answer; with another body, 422",
      });
    }
    paths[path] ??= {};
    paths[path]![op.method] = {
      operationId: operationId(op),
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      "x-roles": op.access === "public" ? [] : op.access,
      security: op.access === "public" ? [] : [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      // A body with required fields must be sent; one whose every field has a default may be left out.
      ...(op.body
        ? {
            requestBody: {
              required: !op.body.safeParse({}).success,
              content: { "application/json": { schema: schemaOf(op.body, "input", components) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "master-schedule-engine API",
      version,
      description:
        "Problems in, rosters out. Roles: counselor (the schools of the token), district (every school), qa (figures and benchmarks, never student data). " +
        "Errors are { error: { code, message, requestId, issues? } }.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: ["service", "schools", "rosters", "students", "runs", "scenarios", "benchmarks"].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "a token from `mse token create`" } },
    },
  };
}
