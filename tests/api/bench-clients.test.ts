import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { benchClient, type ClientStamps } from "../../benchmarks/bench-clients.ts";

/** A server whose handler sees each request with how many came before it on its connection. */
function serve(handle: (nth: number, req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer();
  server.on("connection", (socket) => ((socket as unknown as { served: number }).served = 0));
  server.on("request", (req, res) => handle((req.socket as unknown as { served: number }).served++, req, res));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("bench:api's node:http client (benchmarks/bench-clients.ts)", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("hands a gzipped answer over as it came, inflating it only when read, and keeps its connection alive", async () => {
    const body = JSON.stringify({ seats: Array.from({ length: 2000 }, (_, i) => ({ studentId: `S${i}` })) });
    server = await serve((_nth, req, res) => {
      expect(req.headers["accept-encoding"]).toBe("gzip");
      res.setHeader("content-encoding", "gzip");
      res.end(gzipSync(body));
    });
    const client = benchClient("http");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const stamps: ClientStamps = { start: performance.now() };
    const first = await client.send(url, {}, stamps);
    const second = await client.send(url, {});
    expect(first.status).toBe(200);
    expect(first.header("content-encoding")).toBe("gzip");
    // The latency ends at the last byte: nothing is inflated between it and the answer.
    expect(stamps.done).toBe(stamps.lastByte);
    expect(first.text()).toBe(body);
    expect(second.text()).toBe(body);
    expect(client.connections()).toBe(1);
    client.close();
  });

  it("sends a request again on a new connection when the server closed the kept-alive one it went on", async () => {
    // The second request on a connection finds it closed, as when the server's keep-alive time-out ends it.
    server = await serve((nth, req, res) => (nth === 0 ? res.end("ok") : req.socket.destroy()));
    const client = benchClient("http");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect((await client.send(url, {})).text()).toBe("ok");
    const again = await client.send(url, {
      method: "PUT",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(again.status).toBe(200);
    expect(again.text()).toBe("ok");
    expect(client.resent()).toBe(1);
    expect(client.connections()).toBe(2);
    client.close();
  });
});
