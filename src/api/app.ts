/**
 * The HTTP API: `createApp(store, options)` gives the express app (listen on it as usual);
 * `closeApp(app)` waits for its runs and student changes to finish and stops its solver pool.
 * Routes, roles and error shapes are in src/api/README.md and at GET /v1/openapi.json.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import compression from "compression";
import express, { type Express } from "express";
import { PACKAGE_ROOT } from "../package-root.ts";
import helmet from "helmet";
import { measureStoreWaits, type Store, type StoreWaits } from "../store/index.ts";
import { createContext, type ApiContext, type ApiOptions } from "./context.ts";
import { ApiError, errorBody, errorHandler } from "./errors.ts";
import { settleJobs } from "./jobs.ts";
import { openApiDocument } from "./openapi.ts";
import { tokenRouter } from "./oneroster/oauth.ts";
import { ROSTERING_BASE } from "./oneroster/resources.ts";
import { rosteringRouter } from "./oneroster/rostering-routes.ts";
import { monotonicMs } from "./monotonic-clock.ts";
import { mountOperation, type Operation } from "./operation.ts";
import { auditRoutes } from "./routes/audit.ts";
import { benchmarkRoutes } from "./routes/benchmarks.ts";
import { districtRoutes } from "./routes/district.ts";
import { rosterRoutes } from "./routes/rosters.ts";
import { runRoutes } from "./routes/runs.ts";
import { scenarioRoutes } from "./routes/scenarios.ts";
import { schoolRoutes } from "./routes/schools.ts";
import { serviceRoutes } from "./routes/service.ts";
import { sessionRoutes } from "./routes/session.ts";
import { studentRoutes } from "./routes/students.ts";
import { idleLanes } from "../enroll/school-lanes.ts";

export type { ApiOptions } from "./context.ts";

export const API_VERSION = "1.0.0";

/** The workspace's files: plain ES modules, HTML and CSS, served as they are (no build step). */
const WEB_DIR = path.join(PACKAGE_ROOT, "web");

/** Answers at least this large are gzipped for clients that take it. */
export const COMPRESS_FROM_BYTES = 16 * 1024;

/** Where an app keeps its context (for closeApp and the tests). */
const CONTEXT = "mseApi";

/** Every operation of the API, in the order the document lists them; `document` serves GET /v1/openapi.json. */
export function apiOperations(document: () => unknown = () => undefined): Operation[] {
  return [
    ...serviceRoutes(document),
    ...sessionRoutes,
    ...schoolRoutes,
    ...rosterRoutes,
    ...studentRoutes,
    ...runRoutes,
    ...districtRoutes,
    ...scenarioRoutes,
    ...benchmarkRoutes,
    ...auditRoutes,
  ];
}

/** The express app of the API on an open store. */
export function createApp(store: Store, options: ApiOptions = {}): Express {
  const context = createContext(store, options);
  let document: unknown;
  const operations = apiOperations(() => (document ??= openApiDocument(operations, API_VERSION)));
  const app = express();
  app.disable("x-powered-by");
  // Express would hash every body for a weak ETag: a roster is a megabyte, and nothing here is cached by clients.
  app.set("etag", false);
  app.set("query parser", "simple");
  app.locals[CONTEXT] = context;
  // Debugging (bench:api --phases): where each request's time went, in its access line.
  const measuring = process.env.MSE_REQUEST_PHASES === "1";
  app.use((req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    // The access log: the route's pattern, never the path itself (IDs, names) nor a header (tokens).
    const started = performance.now();
    const arrivedClock = measuring ? monotonicMs() : 0;
    res.once("finish", () =>
      context.log({
        level: "info",
        message: "request",
        requestId,
        method: req.method,
        route: req.route ? `${req.baseUrl}${String(req.route.path)}` : "(no route)",
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        // The token's ID (never the token), once the request signed in.
        ...(typeof res.locals.tokenId === "number" ? { tokenId: res.locals.tokenId } : {}),
        ...(measuring
          ? {
              phases: { ...(res.locals.phases as object), storeWaitMs: waits.ms, storeWaits: waits.count },
              // The machine's monotonic clock (the same in every process): bench:api puts these beside its own stamps.
              clock: { arrivedMs: arrivedClock, finishedMs: monotonicMs() },
            }
          : {}),
      }),
    );
    res.set("Cache-Control", "no-store");
    const waits: StoreWaits = { ms: 0, count: 0 };
    if (measuring) {
      res.locals.phases = {};
      res.locals.arrivedAt = started;
      measureStoreWaits(waits, next);
    } else next();
  });
  // The standard security headers (X-Content-Type-Options: nosniff, a deny-all CSP for these JSON answers, ...).
  app.use(helmet());
  // A roster is a megabyte of JSON; gzip makes it a tenth. zlib works on libuv's threads, not this one.
  // Answers under 16 KB go as they are: a gzip stream per answer (its state is a quarter megabyte)
  // cost this thread more than the few hundred bytes it saves (bench:api, a student's answer is ~2 KB).
  app.use(compression({ threshold: COMPRESS_FROM_BYTES }));
  for (const op of operations) mountOperation(app, context, op);
  // A known path with a method it does not take (OPTIONS and TRACE included): 405 and what it does take.
  const methodsOf = new Map<string, string[]>();
  for (const op of operations) methodsOf.set(op.path, [...(methodsOf.get(op.path) ?? []), op.method.toUpperCase()]);
  for (const [route, methods] of methodsOf) {
    const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : [])].join(", ");
    app.all(route, (req, res) => {
      const error = new ApiError(
        405,
        "method_not_allowed",
        `${req.method} is not allowed on ${req.path}; allowed: ${allow}`,
      );
      res
        .status(405)
        .set("Allow", allow)
        .json(errorBody(error, String(res.locals.requestId)));
    });
  }
  // The OneRoster rostering service: its own OAuth 2.0 clients and the binding's error format (src/io/oneroster/README.md).
  app.use(tokenRouter(store, context.options.oneRosterTokenLifetimeMs));
  app.use(ROSTERING_BASE, rosteringRouter(store, context.log, context.audit));
  // The workspace (web/): static files only, on the API's origin, so its session cookie reaches the API.
  app.use(express.static(WEB_DIR, { index: "index.html", fallthrough: true }));
  app.use((req, res) => {
    // TRACE echoes requests (and their cookies) back: no path takes it, nor OPTIONS (no browser calls this API cross-origin).
    if (req.method === "TRACE" || req.method === "OPTIONS") {
      const error = new ApiError(405, "method_not_allowed", `${req.method} is not allowed`);
      res
        .status(405)
        .set("Allow", "")
        .json(errorBody(error, String(res.locals.requestId)));
      return;
    }
    const error = new ApiError(404, "unknown_route", `no route ${req.method} ${req.path}; see GET /v1/openapi.json`);
    res.status(404).json(errorBody(error, String(res.locals.requestId)));
  });
  app.use(errorHandler(context.log));
  return app;
}

/** Server time-outs: a client that sends its headers or body slowly holds a socket no longer than this. */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 120_000, keepAliveMs: 5_000 } as const;

/** Sets the server's time-outs for headers and whole requests (a 50 MB upload on a slow link fits in 2 minutes). */
export function limitServer(
  server: Server,
  timeouts: { headersMs: number; requestMs: number; keepAliveMs: number } = SERVER_TIMEOUTS,
): Server {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}

/** The context of an app made by createApp. */
export function apiContext(app: Express): ApiContext {
  const context = app.locals[CONTEXT] as ApiContext | undefined;
  if (!context) throw new Error("not an app made by createApp");
  return context;
}

/** Waits for the app's jobs and queued student changes, then stops its solver pools. Close the server first. */
export async function closeApp(app: Express): Promise<void> {
  const context = apiContext(app);
  await settleJobs(context.jobs);
  await idleLanes(context.lanes);
  await context.audit.writing;
  const pools = [
    context.pool.current,
    context.placementPool.current,
    context.checkPool.current,
    context.uploadPool.current,
  ];
  context.pool.current = undefined;
  context.placementPool.current = undefined;
  context.checkPool.current = undefined;
  context.uploadPool.current = undefined;
  await Promise.all(pools.map((pool) => pool?.destroy()));
}
