/**
 * The workspace's session: a cookie standing for a token on the server, with the token's role
 * and schools; cookie-authenticated writes need the CSRF header and the same origin.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiToken, findApiToken } from "../../src/store/index.ts";
import { schoolPath, SCHOOL_A, SCHOOL_B, startApiServer, type ApiServer } from "./support/api-server.ts";

describe("workspace sessions", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer({ run: false });
  });
  afterAll(async () => server?.close());

  const csrf = { "x-mse-csrf": "1" };

  async function signIn(token: string): Promise<string> {
    const reply = await server.call("POST", "/v1/session", { body: { token }, headers: csrf });
    expect(reply.status).toBe(201);
    const setCookie = reply.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^mse_session=[\w-]{43}; Max-Age=36000; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(token);
    return setCookie.split(";")[0]!;
  }

  it("answers the token's caller and sets an HttpOnly, SameSite=Strict cookie that is not the token", async () => {
    const cookie = await signIn(server.tokens.counselorA);
    const me = await server.call("GET", "/v1/me", { headers: { cookie } });
    expect(me.body).toMatchObject({ role: "counselor", schools: [SCHOOL_A] });
    expect((await server.call("GET", schoolPath(SCHOOL_B, "/report"), { headers: { cookie } })).status).toBe(403);
  });

  it("refuses an unknown or revoked token, and sign-in without the CSRF header", async () => {
    expect((await server.call("POST", "/v1/session", { body: { token: "mse_nope" }, headers: csrf })).status).toBe(401);
    expect(
      (await server.call("POST", "/v1/session", { body: { token: server.tokens.revoked }, headers: csrf })).status,
    ).toBe(401);
    const bare = await server.call("POST", "/v1/session", { body: { token: server.tokens.district } });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe("csrf_header_missing");
    expect(bare.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a cookie-authenticated write without the CSRF header or from another origin, and accepts it with both", async () => {
    const cookie = await signIn(server.tokens.district);
    const write = (headers: Record<string, string>) =>
      server.call("POST", schoolPath(SCHOOL_A, "/runs"), { body: { kind: "full" }, headers: { cookie, ...headers } });
    expect((await write({})).body.error.code).toBe("csrf_header_missing");
    expect((await write({ ...csrf, origin: "https://evil.example" })).body.error.code).toBe("cross_origin");
    const ok = await write({ ...csrf, origin: server.baseUrl });
    expect(ok.status).toBe(202);
    // A bearer token needs no CSRF header: no browser sends it on its own.
    expect((await server.call("GET", `/v1/jobs/${ok.body.job.jobId}`, { token: server.tokens.district })).status).toBe(
      200,
    );
  });

  it("ends with sign-out, and with the token's revocation", async () => {
    const cookie = await signIn(server.tokens.counselorB);
    const out = await server.call("DELETE", "/v1/session", { headers: { cookie, ...csrf } });
    expect(out.headers.get("set-cookie")).toMatch(/^mse_session=; Max-Age=0/);
    expect((await server.call("GET", "/v1/me", { headers: { cookie } })).body.error.code).toBe("session_expired");

    const again = await signIn(server.tokens.qa);
    const record = await findApiToken(server.store, server.tokens.qa);
    await revokeApiToken(server.store, record!.id);
    expect((await server.call("GET", "/v1/me", { headers: { cookie: again } })).body.error.code).toBe("invalid_token");
  });
});
