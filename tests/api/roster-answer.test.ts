import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveRoster } from "../../src/store/index.ts";
import {
  enrollmentOf,
  SCHOOL_A,
  SCHOOL_B,
  schoolPath,
  startApiServer,
  waitForJob,
  type ApiServer,
} from "./support/api-server.ts";

describe("a roster's answer: cached per roster, named by its ETag, never stale", () => {
  let server: ApiServer;
  let token: string;
  beforeAll(async () => {
    server = await startApiServer();
    token = server.tokens.counselorA;
  });
  afterAll(() => server.close());

  const rosterPath = schoolPath(SCHOOL_A, "/roster");
  const byStudentSection = (a: { studentId: string; sectionId: string }, b: { studentId: string; sectionId: string }) =>
    a.studentId.localeCompare(b.studentId) || a.sectionId.localeCompare(b.sectionId);

  /** The store's live roster of A as the answer must show it. */
  const liveSeats = async () => {
    const live = (await liveRoster(server.store, SCHOOL_A))!;
    return {
      runId: live.runId,
      enrollments: live.roster.enrollments
        .map((e) => ({ studentId: e.studentId, sectionId: e.sectionId }))
        .sort(byStudentSection),
    };
  };

  it("answers 304 without a body when If-None-Match names the roster it would send, gzipped or not", async () => {
    const first = await server.call("GET", rosterPath, { token });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    for (const encoding of ["gzip", "identity"]) {
      const again = await server.call("GET", rosterPath, {
        token,
        headers: { "if-none-match": `"other", ${etag}`, "accept-encoding": encoding },
      });
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
    }
    expect(first.headers.get("content-encoding")).toBe("gzip");
    const identity = await server.call("GET", rosterPath, { token, headers: { "accept-encoding": "identity" } });
    expect(identity.headers.get("content-encoding")).toBeNull();
    expect(identity.headers.get("content-type")).toMatch(/^application\/json/);
    expect(identity.body).toEqual(first.body);
    const other = await server.call("GET", rosterPath, { token, headers: { "if-none-match": 'W/"not-this-one"' } });
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
    // A 304 still hands out (confirms) student data: it is in the audit trail like any read.
    const audit = await server.call("GET", `/v1/audit?schoolId=${encodeURIComponent(SCHOOL_A)}&limit=5`, {
      token: server.tokens.district,
    });
    expect(audit.body.events.map((e: { status: number }) => e.status)).toContain(304);
  });

  it("never answers a roster read before a publish after it: a late enrollment's run, then a full run", async () => {
    const before = await server.call("GET", rosterPath, { token });
    const etag = before.headers.get("etag")!;
    const enrolled = await server.call("PUT", schoolPath(SCHOOL_A, "/students/LATE-ETAG"), {
      token,
      body: enrollmentOf(server.schools.a, server.schools.a.students[2]!.studentId),
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.placement.status).toBe("placed");
    const afterEnrollment = await server.call("GET", rosterPath, { token, headers: { "if-none-match": etag } });
    expect(afterEnrollment.status).toBe(200);
    expect(afterEnrollment.headers.get("etag")).not.toBe(etag);
    expect(afterEnrollment.body.runId).toBe(enrolled.body.placement.runId);
    expect(afterEnrollment.body.enrollments.some((e: { studentId: string }) => e.studentId === "LATE-ETAG")).toBe(true);
    expect({
      runId: afterEnrollment.body.runId,
      enrollments: [...afterEnrollment.body.enrollments].sort(byStudentSection),
    }).toEqual(await liveSeats());

    const started = await server.call("POST", schoolPath(SCHOOL_A, "/runs"), {
      token,
      body: { kind: "full", seed: 11 },
    });
    const job = await waitForJob(server, token, started.body.location);
    expect(job.status).toBe("succeeded");
    for (const tag of [etag, afterEnrollment.headers.get("etag")!]) {
      const afterRun = await server.call("GET", rosterPath, { token, headers: { "if-none-match": tag } });
      expect(afterRun.status).toBe(200);
      expect(afterRun.body.runId).toBe(job.runId);
      expect({
        runId: afterRun.body.runId,
        enrollments: [...afterRun.body.enrollments].sort(byStudentSection),
      }).toEqual(await liveSeats());
    }
  });

  /** The answer's bytes as they came over the wire (no client decoding) and its Content-Encoding. */
  const rawGet = (urlPath: string, bearer: string, encoding: string) =>
    new Promise<{ status: number; encoding?: string; bytes: Buffer }>((resolve, reject) => {
      const req = request(server.baseUrl + urlPath, {
        headers: { authorization: `Bearer ${bearer}`, "accept-encoding": encoding },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode!, encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });

  it("gzips to exactly the uncompressed answer's bytes, before and after a placement, for an apostrophe and Unicode", async () => {
    const bearer = server.tokens.counselorB;
    const path = schoolPath(SCHOOL_B, "/roster");
    const sameBytes = async () => {
      const gzipped = await rawGet(path, bearer, "gzip");
      const plain = await rawGet(path, bearer, "identity");
      expect([gzipped.status, gzipped.encoding, plain.status, plain.encoding]).toEqual([200, "gzip", 200, undefined]);
      expect(gunzipSync(gzipped.bytes).equals(plain.bytes)).toBe(true);
      // A client that decodes gzip itself (fetch) reads the same roster.
      const fetched = await server.call("GET", path, { token: bearer, headers: { "accept-encoding": "gzip" } });
      expect(fetched.body).toEqual(JSON.parse(plain.bytes.toString("utf8")));
      return JSON.parse(plain.bytes.toString("utf8")) as { schoolId: string; enrollments: { studentId: string }[] };
    };
    expect((await sameBytes()).schoolId).toBe(SCHOOL_B);
    const newcomer = "B-Zoë-O'Hara-李";
    const enrolled = await server.call("PUT", schoolPath(SCHOOL_B, `/students/${encodeURIComponent(newcomer)}`), {
      token: bearer,
      body: enrollmentOf(server.schools.b, server.schools.b.students[3]!.studentId),
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.placement.status).toBe("placed");
    const after = await sameBytes();
    expect(after.enrollments.some((e) => e.studentId === newcomer)).toBe(true);
  });

  it("drops a student from the answer as soon as the drop is acknowledged", async () => {
    const before = await server.call("GET", rosterPath, { token });
    expect(before.body.enrollments.some((e: { studentId: string }) => e.studentId === "LATE-ETAG")).toBe(true);
    const dropped = await server.call("DELETE", schoolPath(SCHOOL_A, "/students/LATE-ETAG"), { token });
    expect(dropped.status).toBe(200);
    const after = await server.call("GET", rosterPath, {
      token,
      headers: { "if-none-match": before.headers.get("etag")! },
    });
    expect(after.status).toBe(200);
    expect(after.body.enrollments.some((e: { studentId: string }) => e.studentId === "LATE-ETAG")).toBe(false);
  });
});
