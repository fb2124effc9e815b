/**
 * An API operation: its route, who may call it, its zod schemas (params, query, body and each
 * reply) and its handler. The same description mounts the route on express, checks every
 * input, and becomes the operation's entry in the OpenAPI document, so the two cannot differ.
 *
 * Order of checks, the same on every route: a write signed in by the workspace's session cookie
 * without the CSRF header or from another origin (403), failed sign-ins of the address (429), token
 * or session cookie (401),
 * role (403), the token's and the school's request rates (429), path parameters (400), the
 * school named in the path (403, before the body is even read), query (400), media type (415),
 * body size (413) and JSON (400), body schema (400), idempotency key (409/422), then the
 * handler (404, 409, 422, 429 ...). Every write, every read of student data and every failed
 * sign-in goes to the audit trail, with its outcome, before its answer leaves.
 */
import express, { type Express, type Request, type Response } from "express";
import { z } from "zod";
import { durableCommits, type ApiRole, type AuditAction } from "../store/index.ts";
import { recordAudit } from "./audit-trail.ts";
import { authenticate, authenticateSession, requireRole, requireSchool, type Caller } from "./auth.ts";
import type { ApiContext } from "./context.ts";
import { ApiError, toApiError, type ApiIssue } from "./errors.ts";
import {
  bodyHash,
  claimKey,
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  settleKey,
  type StoredReply,
} from "./idempotency.ts";
import { checkSignIns, countFailedSignIn, countRequest } from "./limits.ts";
import { readUploadOnPool, type UploadOutcome } from "./problem-upload.ts";
import { requireSameOrigin, sessionIdOf } from "./sessions.ts";

export type Method = "get" | "put" | "post" | "delete";

/** What a handler answers. */
export interface Reply {
  status: number;
  body: unknown;
  /** Sent as the Location header (a job to poll, a created resource). */
  location?: string;
  /** `body` already serialized (a large view cached per run, as text or UTF-8): sent as is. */
  json?: string | Buffer;
  /** `json` gzipped (cached with it): sent as is to a client that takes gzip. */
  gzip?: () => Promise<Buffer>;
  /** Sent as the Set-Cookie header (the workspace's session). */
  cookie?: string;
  /**
   * The entity tag of a GET's answer (sent as ETag): a request whose If-None-Match names it is
   * answered 304 without a body (the operation documents 304).
   */
  etag?: string;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as GET takes it; `*` names any). */
export function namesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Undefined only on public routes. */
  caller: Caller;
  requestId: string;
  context: ApiContext;
  /** An upload route's problem, parsed and read on the pool (its `body` is then undefined). */
  upload?: Extract<UploadOutcome, { ok: true }>;
  /** The session cookie's ID, when the request sent one. */
  sessionId?: string;
  /** The request came over HTTPS (a session cookie is then Secure). */
  secure: boolean;
}

export interface OperationSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express style: /v1/schools/:schoolId/roster. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** "public": no token; else the roles that may call it. */
  access: "public" | readonly ApiRole[];
  /** The path names a school (:schoolId) that the caller must be allowed to see. */
  school?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A problem upload: the app's uploadLimit instead of its jsonLimit, and the body parsed,
   * checked against `body` and read as interchange files on the pool (HandlerInput.upload).
   */
  upload?: boolean;
  /** A browser write that must prove it comes from our page even without a session (signing in and out). */
  csrf?: boolean;
  /** Takes a token in its body (the workspace's sign-in): held to the sign-in limits, a 401 counted as a failed sign-in. */
  signIn?: boolean;
  /** Honours an Idempotency-Key header. */
  idempotent?: boolean;
  /** A GET that hands out student data (names, seats, requests): it goes to the audit trail like every write. */
  readsStudentData?: boolean;
  /** The replies it gives, by status; errors are added from `errors`. */
  replies: Record<number, { description: string; schema?: z.ZodType; location?: boolean }>;
  /** Error statuses the handler itself may answer (the checks above add theirs). */
  errors?: number[];
  handle: (input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply>;
}

// The handler's input types are checked where each operation is written; the list of them only needs its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Operation = OperationSpec<any, any, any>;

/** Describes an operation (typed from its schemas). */
export function operation<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(spec: OperationSpec<P, Q, B>): Operation {
  return spec as Operation;
}

/** A zod issue's path as the caller wrote it: body.requests[2].courseId. */
export function issuePath(where: string, path: readonly PropertyKey[]): string {
  let text = where;
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** Unknown fields named per object; the rest of that object's are counted in one issue. */
export const UNKNOWN_FIELDS_NAMED = 10;
/** Issues in one answer; the rest are counted in a last one. A body of a million wrong fields gets a small answer. */
export const MAX_ISSUES = 100;

/** Parses one part of the request, or throws 400 naming the fields at fault (at most MAX_ISSUES of them). */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: "params" | "query" | "body",
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: ApiIssue[] = [];
  let more = 0;
  const add = (issue: ApiIssue) => (issues.length < MAX_ISSUES ? issues.push(issue) : more++);
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys.slice(0, UNKNOWN_FIELDS_NAMED))
        add({ path: issuePath(where, [...issue.path, key]), message: "unknown field" });
      const unnamed = issue.keys.length - UNKNOWN_FIELDS_NAMED;
      if (unnamed > 0) add({ path: issuePath(where, issue.path), message: `and ${unnamed} more unknown field(s)` });
    } else {
      add({ path: issuePath(where, issue.path), message: issue.message });
    }
  }
  if (more > 0) issues.push({ path: where, message: `and ${more} more issue(s)` });
  const fields = [...new Set(issues.slice(0, 10).map((i) => i.path))].join(", ");
  throw new ApiError(
    400,
    `invalid_${where}`,
    `the request's ${where} is not as documented: ${fields}${issues.length > 10 ? ", ..." : ""}`,
    issues,
  );
}

/** What an operation without params or query parses them with: nothing allowed. */
const emptyObject = z.strictObject({});

/** Runs an express middleware (a body parser) as a promise. */
function runMiddleware(handler: express.RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => handler(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
}

/** Reads the JSON body: 415 for another media type, 413 over the limit, 400 if not JSON; {} when there is none (an upload: its bytes, none when none). */
async function readBody(req: Request, res: Response, parser: express.RequestHandler): Promise<unknown> {
  const kind = req.is("application/json");
  if (kind === null) return {};
  if (kind === false) throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
  await runMiddleware(parser, req, res);
  return req.body;
}

/** Checks a reply against its documented schema (when the app is told to). */
function checkReply(op: Operation, reply: Reply): void {
  const documented = op.replies[reply.status];
  if (!documented)
    throw new Error(`${op.method.toUpperCase()} ${op.path} answered ${reply.status}, which it does not document`);
  if (!documented.schema) return;
  const parsed = documented.schema.safeParse(reply.body);
  if (!parsed.success)
    throw new Error(
      `${op.method.toUpperCase()} ${op.path} answered ${reply.status} unlike its schema: ${parsed.error.message}`,
    );
}

/** Sends a reply (a fresh one or a stored one). */
async function send(
  req: Request,
  res: Response,
  reply: StoredReply & Pick<Reply, "json" | "gzip" | "cookie" | "etag">,
  replayed: boolean,
  phase: (name: string) => void = () => undefined,
): Promise<void> {
  if (reply.location) res.location(reply.location);
  if (reply.etag) res.set("ETag", reply.etag);
  if (reply.status === 304) {
    res.status(304).end();
    return;
  }
  if (reply.cookie) res.append("Set-Cookie", reply.cookie);
  if (replayed) res.set("Idempotent-Replayed", "true");
  const gzipped = reply.gzip && req.acceptsEncodings("gzip") === "gzip" ? await reply.gzip() : undefined;
  phase("gzipMs");
  if (gzipped) {
    // Already compressed: the compression middleware leaves an answer with a Content-Encoding alone.
    res
      .status(reply.status)
      .type("application/json")
      .set({ "Content-Encoding": "gzip", Vary: "Accept-Encoding" })
      .send(gzipped);
  } else if (reply.json !== undefined) {
    // no-transform: nor does the compression middleware compress it here, on the thread that answers everyone.
    if (reply.gzip) res.set({ "Cache-Control": "no-store, no-transform", Vary: "Accept-Encoding" });
    res.status(reply.status).type("application/json").send(reply.json);
  } else res.status(reply.status).json(reply.body);
}

/** What the audit trail records of an operation, if anything: every write, and reads of student data. */
function auditActionOf(op: Operation): AuditAction | undefined {
  if (op.method !== "get") return "write";
  return op.readsStudentData ? "read" : undefined;
}

/**
 * Records the request in the audit trail before it is answered (an answer is never sent
 * unrecorded): every failed sign-in, and on audited routes everything a caller was answered.
 */
async function audit(
  context: ApiContext,
  req: Request,
  res: Response,
  op: Operation,
  caller: Caller | undefined,
  status: number,
): Promise<void> {
  const action = op.access === "public" ? undefined : auditActionOf(op);
  const signInFailed = status === 401;
  if (!signInFailed && !(action && caller)) return;
  const params = req.params as { schoolId?: unknown; studentId?: unknown };
  const text = (value: unknown) => (typeof value === "string" ? value.slice(0, 200) : undefined);
  await recordAudit(context.audit, {
    at: new Date(),
    tokenId: caller?.tokenId,
    action: signInFailed ? "sign_in_failed" : action!,
    method: op.method.toUpperCase(),
    route: op.path,
    schoolId: text(params.schoolId),
    studentId: text(params.studentId),
    status,
    requestId: String(res.locals.requestId),
  });
}

/** Mounts an operation on the app. */
export function mountOperation(app: Express, context: ApiContext, op: Operation): void {
  // An upload's bytes go to the pool as they came: parsing 50 MB of JSON here would hold up every other request.
  const parser = op.upload
    ? express.raw({ type: "application/json", limit: context.options.uploadLimit })
    : express.json({ limit: context.options.jsonLimit, strict: true });
  app[op.method](op.path, async (req: Request, res: Response) => {
    res.locals.route = op.path;
    const who: { caller?: Caller } = {};
    let answer: { reply: StoredReply & Pick<Reply, "json" | "gzip" | "cookie" | "etag">; replayed: boolean };
    const phases = res.locals.phases as Record<string, number> | undefined;
    let at = (res.locals.arrivedAt as number | undefined) ?? performance.now();
    const phase = (name: string) => {
      if (!phases) return;
      const now = performance.now();
      phases[name] = Math.round((now - at) * 10) / 10;
      at = now;
    };
    phase("routedMs");
    try {
      answer = await answerOperation(context, op, parser, req, res, who);
      phase("handlerMs");
      // Compressed (on libuv's threads) while the audit trail records the request.
      if (answer.reply.gzip && answer.reply.status === 200 && req.acceptsEncodings("gzip") === "gzip")
        answer.reply.gzip().catch(() => undefined);
    } catch (error) {
      // The request's own error is what the caller hears about; a failure to record it goes to the log.
      await audit(context, req, res, op, who.caller, toApiError(error)?.status ?? 500).catch((auditError: unknown) =>
        context.log({
          level: "error",
          message: "writing the audit trail failed",
          requestId: String(res.locals.requestId),
          error: auditError,
        }),
      );
      throw error;
    }
    await audit(context, req, res, op, who.caller, answer.reply.status);
    phase("auditMs");
    // A write is acknowledged only once its commits are on disk (one fsync off this thread for the writes answered together).
    if (op.method !== "get") await durableCommits(context.store);
    phase("durableMs");
    await send(req, res, answer.reply, answer.replayed, phase);
    if (phases) {
      await new Promise((resolve) => (res.writableFinished ? resolve(undefined) : res.once("finish", resolve)));
      phase("sendMs");
    }
  });
}

/** Runs the checks and the handler of one request (see the order at the top); the reply to send. */
async function answerOperation(
  context: ApiContext,
  op: Operation,
  parser: express.RequestHandler,
  req: Request,
  res: Response,
  who: { caller?: Caller },
): Promise<{ reply: StoredReply & Pick<Reply, "json" | "gzip" | "cookie" | "etag">; replayed: boolean }> {
  const requestId = String(res.locals.requestId);
  let caller: Caller | undefined;
  const address = req.socket.remoteAddress ?? "unknown";
  const authorization = req.get("authorization");
  // The bearer token wins; without one, the session cookie stands for the token it was opened with.
  const sessionId = sessionIdOf(req);
  const byCookie = authorization === undefined && sessionId !== undefined;
  if (op.csrf || (byCookie && op.method !== "get")) requireSameOrigin(req);
  if (op.signIn) await checkSignIns(context.limits, address);
  if (op.access !== "public") {
    await checkSignIns(context.limits, address);
    try {
      caller = byCookie
        ? await authenticateSession(context.store, sessionId)
        : await authenticate(context.store, authorization);
    } catch (error) {
      await countFailedSignIn(context.limits, address);
      throw error;
    }
    res.locals.tokenId = caller.tokenId;
    who.caller = caller;
    requireRole(caller, op.access);
    const named = (req.params as { schoolId?: unknown }).schoolId;
    await countRequest(context.limits, caller, op.school && typeof named === "string" ? named : undefined);
  }
  const params = parsePart(op.params ?? emptyObject, req.params, "params");
  if (op.school && caller) requireSchool(caller, (params as { schoolId: string }).schoolId);
  const query = parsePart(op.query ?? emptyObject, req.query, "query");
  let body: unknown;
  let upload: HandlerInput<unknown, unknown, unknown>["upload"];
  let hash = bodyHash(undefined);
  if (op.body) {
    const raw = await readBody(req, res, parser);
    if (op.upload) {
      upload = await readUploadOnPool(
        context.uploadPool,
        (params as { schoolId: string }).schoolId,
        raw instanceof Uint8Array ? raw : new Uint8Array(0),
      );
      hash = upload.bodyHash;
    } else {
      body = parsePart(op.body, raw, "body");
      hash = bodyHash(body);
    }
  }
  const key = op.idempotent && caller ? parseIdempotencyKey(req.get(IDEMPOTENCY_HEADER)) : undefined;
  const claim =
    key && caller
      ? await claimKey(context.store, {
          tokenId: caller.tokenId,
          key,
          request: `${req.method} ${req.originalUrl}`,
          bodyHash: hash,
          staleAfterMs: context.options.idempotencyStaleMs,
          holder: context.holder,
        })
      : undefined;
  if (claim && "replay" in claim) return { reply: claim.replay, replayed: true };
  let reply: Reply | undefined;
  try {
    const answer = await op.handle({
      params,
      query,
      body,
      caller: caller!,
      requestId,
      context,
      upload,
      sessionId,
      secure: req.secure,
    });
    reply =
      answer.etag && namesEtag(req.get("if-none-match"), answer.etag)
        ? { status: 304, body: undefined, etag: answer.etag }
        : answer;
    if (context.options.checkReplies) checkReply(op, reply);
  } catch (error) {
    if (op.signIn && toApiError(error)?.status === 401) await countFailedSignIn(context.limits, address);
    throw error;
  } finally {
    if (claim) await settleKey(context.store, claim.ticket, reply);
  }
  return { reply, replayed: false };
}
