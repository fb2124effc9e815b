/**
 * The HTTP API: `createApp(store, options)` gives the express app (listen on it as usual);
 * `closeApp(app)` waits for its runs and student changes to finish and stops its solver pool.
 * Routes, roles and error shapes are in src/api/README.md and at GET /v1/openapi.json.
 */
import { randomUUID } from "node:crypto";
import express, { type Express } from "express";
import type { Store } from "../store/index.ts";
import { createContext, type ApiContext, type ApiOptions } from "./context.ts";
import { ApiError, errorBody, errorHandler } from "./errors.ts";
import { settleJobs } from "./jobs.ts";
import { openApiDocument } from "./openapi.ts";
import { tokenRouter } from "./oneroster/oauth.ts";
import { ROSTERING_BASE } from "./oneroster/resources.ts";
import { rosteringRouter } from "./oneroster/rostering-routes.ts";
import { mountOperation, type Operation } from "./operation.ts";
import { benchmarkRoutes } from "./routes/benchmarks.ts";
import { rosterRoutes } from "./routes/rosters.ts";
import { runRoutes } from "./routes/runs.ts";
import { scenarioRoutes } from "./routes/scenarios.ts";
import { schoolRoutes } from "./routes/schools.ts";
import { serviceRoutes } from "./routes/service.ts";
import { studentRoutes } from "./routes/students.ts";
import { idleLanes } from "../enroll/school-lanes.ts";

export type { ApiOptions } from "./context.ts";

export const API_VERSION = "1.0.0";

/** Where an app keeps its context (for closeApp and the tests). */
const CONTEXT = "mseApi";

/** Every operation of the API, in the order the document lists them; `document` serves GET /v1/openapi.json. */
export function apiOperations(document: () => unknown = () => undefined): Operation[] {
  return [...serviceRoutes(document), ...schoolRoutes, ...rosterRoutes, ...studentRoutes, ...runRoutes, ...scenarioRoutes, ...benchmarkRoutes];
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
  app.use((req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    // The access log: the route's pattern, never the path itself (IDs, names) nor a header (tokens).
    const started = performance.now();
    res.once("finish", () => context.log({
      level: "info",
      message: "request",
      requestId,
      method: req.method,
      route: req.route ? `${req.baseUrl}${String(req.route.path)}` : "(no route)",
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    }));
    res.set("Cache-Control", "no-store");
    next();
  });
  for (const op of operations) mountOperation(app, context, op);
  // The OneRoster rostering service: its own OAuth 2.0 clients and the binding's error format (src/io/oneroster/README.md).
  app.use(tokenRouter(store, context.options.oneRosterTokenLifetimeMs));
  app.use(ROSTERING_BASE, rosteringRouter(store, context.log));
  app.use((req, res) => {
    const error = new ApiError(404, "unknown_route", `no route ${req.method} ${req.path}; see GET /v1/openapi.json`);
    res.status(404).json(errorBody(error, String(res.locals.requestId)));
  });
  app.use(errorHandler(context.log));
  return app;
}

/** The context of an app made by createApp. */
export function apiContext(app: Express): ApiContext {
  const context = app.locals[CONTEXT] as ApiContext | undefined;
  if (!context) throw new Error("not an app made by createApp");
  return context;
}

/** Waits for the app's jobs and queued student changes, then stops its solver pool. Close the server first. */
export async function closeApp(app: Express): Promise<void> {
  const context = apiContext(app);
  await settleJobs(context.jobs);
  await idleLanes(context.lanes);
  const pool = context.pool.current;
  context.pool.current = undefined;
  await pool?.destroy();
}
