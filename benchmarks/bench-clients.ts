/**
 * How bench:api's clients send a request and time it, two ways:
 *
 * - `http` (the default since issue #16's read-latency work): node:http on kept-alive
 *   connections, asking for gzip as a browser does but keeping the bytes as they came; the
 *   latency ends at the answer's last byte, and a gzipped body is inflated only if the client
 *   reads it (never a roster), after the timing.
 * - `fetch` (the benchmark before): node's fetch (undici), which inflates a gzipped answer on the
 *   clients' one thread, a 16 KB chunk per turn of its loop; the latency ends with the body in
 *   hand. With 50 clients on that thread a megabyte roster's ~80 turns queued behind every other
 *   client's work, and that wait was in the latency (bench:api --phases, load 13: 46-192 ms of a
 *   read's mean between the last byte and the body), which a counselor's browser on another
 *   machine never adds.
 *
 * Both stamp each request's way on the machine's monotonic clock (the one the server stamps its
 * access lines with under MSE_REQUEST_PHASES=1), so --phases can tell the client's time, the
 * kernel's and the server loop's queue from the server's handling.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { Agent, request } from "node:http";
import { gunzipSync } from "node:zlib";
import { monotonicMs } from "../src/api/monotonic-clock.ts";

export type ClientKind = "http" | "fetch";

/** A request's way, in monotonic ms; a point not reached is undefined. */
export interface ClientStamps {
  /** The request handed to the client. */
  start: number;
  /** Its headers (and body) written to the socket. */
  sent?: number;
  /** The answer's headers read. */
  headers?: number;
  /** The answer's last byte read (before fetch inflates a gzipped body). */
  lastByte?: number;
  /** The body in the caller's hands: the end of the latency (the last byte for `http`; inflated and decoded for `fetch`). */
  done?: number;
}

/** What a request sends. */
export interface BenchRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** An answer: status, headers, and the body (inflated only when read, for `http`). */
export interface BenchAnswer {
  status: number;
  header(name: string): string | undefined;
  text(): string;
}

export interface BenchClient {
  kind: ClientKind;
  /** Sends the request; with `stamps`, each point of its way is stamped as it is reached. */
  send(url: string, init: BenchRequest, stamps?: ClientStamps): Promise<BenchAnswer>;
  /** TCP connections opened so far (the rest of the requests went on kept-alive ones). */
  connections(): number;
  /** Requests sent again because the server had closed the kept-alive connection they went on. */
  resent(): number;
  close(): void;
}

/** A client of the kind; `close()` when done. */
export function benchClient(kind: ClientKind): BenchClient {
  return kind === "http" ? httpClient() : fetchClient();
}

/** node:http, Nagle off (a request is one write), connections kept alive; the bytes as sent. */
function httpClient(): BenchClient {
  const agent = new Agent({ keepAlive: true, noDelay: true });
  let opened = 0;
  let resent = 0;
  /** One attempt; rejects with `{ staleConnection }` when a kept-alive connection turned out closed under it. */
  const attempt = (url: string, init: BenchRequest, stamps: ClientStamps | undefined) =>
    new Promise<BenchAnswer>((resolve, reject) => {
      const req = request(
        url,
        { method: init.method ?? "GET", headers: { "accept-encoding": "gzip", ...init.headers }, agent },
        (res) => {
          if (stamps) stamps.headers = monotonicMs();
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            if (stamps) stamps.lastByte = stamps.done = monotonicMs();
            const bytes = Buffer.concat(chunks);
            const gzipped = res.headers["content-encoding"] === "gzip";
            resolve({
              status: res.statusCode ?? 0,
              header: (name) => {
                const value = res.headers[name.toLowerCase()];
                return Array.isArray(value) ? value.join(", ") : value;
              },
              text: () => (gzipped ? gunzipSync(bytes) : bytes).toString("utf8"),
            });
          });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && error.code === "ECONNRESET" ? { staleConnection: error } : error),
      );
      req.once("socket", () => (opened += req.reusedSocket ? 0 : 1));
      if (stamps) req.once("finish", () => (stamps.sent = monotonicMs()));
      req.end(init.body);
    });
  return {
    kind: "http",
    connections: () => opened,
    resent: () => resent,
    send(url, init, stamps) {
      // The server closed an idle connection as it was reused (its keep-alive time-out): a browser
      // sends the request again on a new one, as node's Agent documentation does; the latency keeps both.
      return attempt(url, init, stamps).catch((error: unknown) => {
        if (typeof error !== "object" || error === null || !("staleConnection" in error)) throw error;
        resent++;
        return attempt(url, init, stamps);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** The header that names a fetch request to its stamps (undici's diagnostics channels carry its headers). */
const STAMP_HEADER = "x-bench-stamp";
const STAMPED = Symbol("stamps");

interface UndiciMessage {
  request: { headers?: unknown; [STAMPED]?: ClientStamps };
}

/** node's fetch, the body read as text (inflated on this thread) before the answer is handed back. */
function fetchClient(): BenchClient {
  const open = new Map<string, ClientStamps>();
  let next = 0;
  let opened = 0;
  // undici publishes a request's creation, its headers written, the answer's headers and its end.
  const onCreate = (message: unknown) => {
    const { request } = message as UndiciMessage;
    const headers = request.headers;
    if (!Array.isArray(headers)) return;
    const at = headers.indexOf(STAMP_HEADER);
    const id = at >= 0 ? String(headers[at + 1]) : undefined;
    const stamps = id === undefined ? undefined : open.get(id);
    if (!stamps) return;
    request[STAMPED] = stamps;
    open.delete(id!);
  };
  const at = (point: "sent" | "headers" | "lastByte") => (message: unknown) => {
    const stamps = (message as UndiciMessage).request[STAMPED];
    if (stamps) stamps[point] = monotonicMs();
  };
  const channels: [string, (message: unknown) => void][] = [
    ["undici:request:create", onCreate],
    ["undici:client:connected", () => opened++],
    ["undici:client:sendHeaders", at("sent")],
    ["undici:request:headers", at("headers")],
    ["undici:request:trailers", at("lastByte")],
  ];
  for (const [name, handler] of channels) subscribe(name, handler);
  return {
    kind: "fetch",
    connections: () => opened,
    // undici does its own retrying of requests on connections found closed, unseen here.
    resent: () => 0,
    async send(url, init, stamps) {
      const id = stamps ? String(next++) : undefined;
      if (stamps) open.set(id!, stamps);
      try {
        const res = await fetch(url, id ? { ...init, headers: { ...init.headers, [STAMP_HEADER]: id } } : init);
        const text = await res.text();
        if (stamps) stamps.done = monotonicMs();
        return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, text: () => text };
      } finally {
        if (id) open.delete(id);
      }
    },
    close() {
      for (const [name, handler] of channels) unsubscribe(name, handler);
    },
  };
}
