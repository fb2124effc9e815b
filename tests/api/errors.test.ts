import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore } from "../../src/store/index.ts";
import { SCHOOL_A, schoolPath, startApiServer, type ApiServer } from "./support/api-server.ts";

describe("how the API fails", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer({ run: false });
  });
  afterAll(() => server.close().catch(() => undefined));

  it("answers an unknown route with 404 and the error shape", async () => {
    const reply = await server.call("GET", "/v1/nothing-here", { token: server.tokens.district });
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ code: "unknown_route", requestId: reply.headers.get("x-request-id") });
  });

  it("answers 404 no_live_roster for a school with nothing published", async () => {
    const reply = await server.call("GET", schoolPath(SCHOOL_A, "/roster"), { token: server.tokens.district });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("no_live_roster");
  });

  it("hides the internals of a 5xx: a generic message and the request ID, the detail only in the server log", async () => {
    // A real failure: the store goes away under the running server.
    await closeStore(server.store);
    const reply = await server.call("GET", "/v1/schools", { token: server.tokens.district });
    expect(reply.status).toBe(500);
    const requestId = reply.headers.get("x-request-id");
    expect(reply.body).toEqual({
      error: {
        code: "internal",
        message: `the server failed to handle this request; quote request ID ${requestId} to the operators`,
        requestId,
      },
    });
    const logged = server.log.find((entry) => entry.requestId === requestId);
    expect(logged).toMatchObject({ level: "error", method: "GET", path: "/v1/schools" });
    expect(logged!.error).toBeInstanceOf(Error);
  });
});
