import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROSTER_READONLY_SCOPE } from "../../src/api/oneroster/oauth.ts";
import { writeRoster } from "../../src/io/oneroster/write-roster.ts";
import {
  createOneRosterClient,
  exportLive,
  issueOneRosterToken,
  revokeOneRosterClient,
} from "../../src/store/index.ts";
import { csvRecords } from "../io/oneroster/roster-dir.ts";
import { SCHOOL_A, SCHOOL_B, startApiServer, type ApiServer } from "./support/api-server.ts";
import { liveRunReport } from "../../src/report/live-report.ts";

const BASE = "/ims/oneroster/rostering/v1p2";
type Csv = Record<string, string>[];

describe("the OneRoster 1.2 rostering service", () => {
  let server: ApiServer;
  let csvDir: string;
  let csv: { users: Csv; roles: Csv; classes: Csv; enrollments: Csv; sessions: Csv; orgs: Csv };
  let district: { id: string; secret: string };
  let schoolA: { id: string; secret: string };
  let districtToken: string;
  let schoolAToken: string;
  const teacherEmail = "m.o'hara@example.org";

  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  const tokenRequest = (authorization: string | undefined, body: string) =>
    fetch(`${server.baseUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
      body,
    });
  const grant = `grant_type=client_credentials&scope=${encodeURIComponent(ROSTER_READONLY_SCOPE)}`;
  const tokenOf = async (client: { id: string; secret: string }) =>
    ((await (await tokenRequest(basic(client.id, client.secret), grant)).json()) as { access_token: string })
      .access_token;
  const read = async (token: string | undefined, urlPath: string) => {
    const res = await fetch(`${server.baseUrl}${BASE}${urlPath}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const ids = (objects: { sourcedId: string }[]) => objects.map((o) => o.sourcedId).sort();
  const csvIds = (rows: Csv) => rows.map((r) => r.sourcedId!).sort();

  beforeAll(async () => {
    server = await startApiServer({ edit: (schools) => void (schools.a.teachers[0]!.email = teacherEmail) });
    const made = async (schools: string[]) => {
      const { secret, record } = await createOneRosterClient(server.store, { name: "LMS", schools });
      return { id: record.clientId, secret };
    };
    district = await made([]);
    schoolA = await made([SCHOOL_A]);
    districtToken = await tokenOf(district);
    schoolAToken = await tokenOf(schoolA);
    csvDir = await mkdtemp(path.join(tmpdir(), "mse-or-csv-"));
    const live = await exportLive(server.store);
    await writeRoster(csvDir, live.problem, live.rosters, liveRunReport(live));
    const dir = path.join(csvDir, "oneroster");
    csv = {
      users: await csvRecords(dir, "users.csv"),
      roles: await csvRecords(dir, "roles.csv"),
      classes: await csvRecords(dir, "classes.csv"),
      enrollments: await csvRecords(dir, "enrollments.csv"),
      sessions: await csvRecords(dir, "academicSessions.csv"),
      orgs: await csvRecords(dir, "orgs.csv"),
    };
  });
  afterAll(async () => {
    await server.close();
    await rm(csvDir, { recursive: true, force: true });
  });

  describe("OAuth 2.0 client credentials", () => {
    it("hands a bearer token for the roster.readonly scope to a client with the right secret", async () => {
      const res = await tokenRequest(basic(district.id, district.secret), grant);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toMatchObject({
        token_type: "bearer",
        expires_in: 3600,
        scope: ROSTER_READONLY_SCOPE,
        access_token: expect.any(String),
      });
    });

    it("refuses a wrong secret, a missing grant type, another scope and no credentials", async () => {
      expect((await tokenRequest(basic(district.id, "guess"), grant)).status).toBe(401);
      expect(await (await tokenRequest(basic(district.id, "guess"), grant)).json()).toMatchObject({
        error: "invalid_client",
      });
      expect(await (await tokenRequest(basic(district.id, district.secret), "scope=x")).json()).toMatchObject({
        error: "unsupported_grant_type",
      });
      expect(
        await (
          await tokenRequest(
            basic(district.id, district.secret),
            "grant_type=client_credentials&scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p2%2Fscope%2Fgradebook.createput",
          )
        ).json(),
      ).toMatchObject({ error: "invalid_scope" });
      expect((await tokenRequest(undefined, grant)).status).toBe(401);
    });

    it("answers 401 in the binding's format without a token, with an expired one, and once the client is revoked", async () => {
      const none = await read(undefined, "/orgs");
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({
        imsx_codeMajor: "failure",
        imsx_severity: "error",
        imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: "unauthorisedrequest" }] },
      });
      const expired = await issueOneRosterToken(server.store, district.id, 1_000, new Date(Date.now() - 60_000));
      expect((await read(expired.token, "/orgs")).status).toBe(401);
      const leaver = await createOneRosterClient(server.store, { name: "left", schools: [] });
      const token = await tokenOf({ id: leaver.record.clientId, secret: leaver.secret });
      expect((await read(token, "/orgs")).status).toBe(200);
      await revokeOneRosterClient(server.store, leaver.record.clientId);
      expect((await read(token, "/orgs")).status).toBe(401);
    });
  });

  describe("the calls a consumer makes, with the sourcedIds of the CSV", () => {
    it("lists all teachers", async () => {
      const { status, body } = await read(districtToken, "/teachers?limit=1000");
      expect(status).toBe(200);
      const teacherIds = new Set(csv.roles.filter((r) => r.role === "teacher").map((r) => r.userSourcedId));
      expect(ids(body.users)).toEqual(csvIds(csv.users.filter((u) => teacherIds.has(u.sourcedId!))));
      expect(body.users[0]).toMatchObject({
        status: "active",
        enabledUser: "true",
        roles: [{ role: "teacher", roleType: "primary" }],
      });
    });

    it("finds a teacher by email, that teacher's active classes, a class's students and a term's grading periods", async () => {
      const found = await read(
        districtToken,
        `/teachers?filter=${encodeURIComponent(`email='${teacherEmail.replace("'", "''")}'`)}`,
      );
      expect(found.body.users).toHaveLength(1);
      const teacher = found.body.users[0];
      expect(teacher).toMatchObject({
        email: teacherEmail,
        username: teacherEmail,
        identifier: server.schools.a.teachers[0]!.teacherId,
      });
      expect(teacher.sourcedId).toBe(csv.users.find((u) => u.email === teacherEmail)!.sourcedId);

      const classes = await read(
        districtToken,
        `/teachers/${encodeURIComponent(teacher.sourcedId)}/classes?filter=${encodeURIComponent("status='active'")}`,
      );
      const taught = csv.enrollments
        .filter((e) => e.userSourcedId === teacher.sourcedId && e.role === "teacher")
        .map((e) => e.classSourcedId!)
        .sort();
      expect(taught.length).toBeGreaterThan(0);
      expect(ids(classes.body.classes)).toEqual(taught);

      const klass = classes.body.classes[0];
      const students = await read(districtToken, `/classes/${encodeURIComponent(klass.sourcedId)}/students`);
      expect(ids(students.body.users)).toEqual(
        csv.enrollments
          .filter((e) => e.classSourcedId === klass.sourcedId && e.role === "student")
          .map((e) => e.userSourcedId!)
          .sort(),
      );

      const term = klass.terms[0];
      expect(term.type).toBe("academicSession");
      const periods = await read(districtToken, `/terms/${encodeURIComponent(term.sourcedId)}/gradingPeriods`);
      expect(ids(periods.body.academicSessions)).toEqual(
        csvIds(csv.sessions.filter((s) => s.type === "gradingPeriod" && s.parentSourcedId === term.sourcedId)),
      );
      expect(periods.body.academicSessions[0]).toMatchObject({
        type: "gradingPeriod",
        parent: { sourcedId: term.sourcedId },
      });
    });

    it("pages through every enrollment with limit, offset, X-Total-Count and Link, each once", async () => {
      const seen: string[] = [];
      let next: string | undefined = "/enrollments?limit=7";
      let total = -1;
      while (next) {
        const page = await read(districtToken, next);
        expect(page.status).toBe(200);
        total = Number(page.headers.get("x-total-count"));
        seen.push(...page.body.enrollments.map((e: { sourcedId: string }) => e.sourcedId));
        const link = /<([^>]+)>; rel="next"/.exec(page.headers.get("link") ?? "");
        next = link ? link[1]!.slice(BASE.length) : undefined;
      }
      expect(total).toBe(csv.enrollments.length);
      expect(seen.sort()).toEqual(csvIds(csv.enrollments));
    });

    it("gives every org, session, class and user the sourcedId and values of its CSV row", async () => {
      expect(ids((await read(districtToken, "/orgs")).body.orgs)).toEqual(csvIds(csv.orgs));
      expect(ids((await read(districtToken, "/academicSessions")).body.academicSessions)).toEqual(csvIds(csv.sessions));
      const classes = (await read(districtToken, "/classes?limit=1000")).body.classes;
      expect(ids(classes)).toEqual(csvIds(csv.classes));
      const row = csv.classes[0]!;
      expect(classes.find((c: { sourcedId: string }) => c.sourcedId === row.sourcedId)).toMatchObject({
        classCode: row.classCode,
        title: row.title,
        course: { sourcedId: row.courseSourcedId },
        school: { sourcedId: row.schoolSourcedId },
      });
      expect(ids((await read(districtToken, "/users?limit=5000")).body.users)).toEqual(csvIds(csv.users));
    });

    it("sorts, selects fields, and reads one object by sourcedId", async () => {
      const sorted = await read(
        districtToken,
        "/users?sort=familyName&orderBy=desc&fields=sourcedId,familyName&limit=5000",
      );
      const names = sorted.body.users.map((u: { familyName: string }) => u.familyName);
      expect(names).toEqual([...names].sort().reverse());
      expect(Object.keys(sorted.body.users[0]).sort()).toEqual(["familyName", "sourcedId"]);
      const user = csv.users[0]!;
      expect((await read(districtToken, `/users/${encodeURIComponent(user.sourcedId!)}`)).body.user).toMatchObject({
        sourcedId: user.sourcedId,
        identifier: user.identifier,
      });
      const enrollment = csv.enrollments.at(-1)!;
      expect(
        (await read(districtToken, `/enrollments/${encodeURIComponent(enrollment.sourcedId!)}`)).body.enrollment,
      ).toMatchObject({ sourcedId: enrollment.sourcedId, role: enrollment.role });
    });

    it("answers an unknown object 404 and a broken filter 400, in the binding's format", async () => {
      const missing = await read(districtToken, "/classes/nope");
      expect(missing.status).toBe(404);
      expect(missing.body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe("unknownobject");
      const broken = await read(districtToken, `/users?filter=${encodeURIComponent("shoeSize='9'")}`);
      expect(broken.status).toBe(400);
      expect(broken.body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe("invalid_filter_field");
      expect(
        (
          await read(
            districtToken,
            `/users?filter=${encodeURIComponent("givenName~'a' OR familyName>='M' AND status='active'")}`,
          )
        ).status,
      ).toBe(200);
    });
  });

  describe("the audit trail", () => {
    it("records every read of the rostering service with its client, and a request without a valid token as a failed sign-in", async () => {
      const reply = await read(schoolAToken, "/students?limit=2");
      expect(reply.status).toBe(200);
      const refused = await read("not-a-token", "/users");
      expect(refused.status).toBe(401);
      const trail = await server.call("GET", `/v1/audit?clientId=${encodeURIComponent(schoolA.id)}`, {
        token: server.tokens.district,
      });
      expect(trail.body.events[0]).toMatchObject({
        clientId: schoolA.id,
        action: "read",
        method: "GET",
        route: `${BASE}/students`,
        status: 200,
        outcome: "ok",
      });
      expect(trail.body.events[0].tokenId).toBeUndefined();
      const failed = await server.call("GET", "/v1/audit?action=sign_in_failed", { token: server.tokens.district });
      expect(
        failed.body.events.some((e: { route: string; status: number }) => e.route.startsWith(BASE) && e.status === 401),
      ).toBe(true);
    });
  });

  describe("a client scoped to one school", () => {
    const schoolSourcedId = (schoolId: string) => csv.orgs.find((o) => o.identifier === schoolId)!.sourcedId!;

    it("sees only its school", async () => {
      expect(ids((await read(schoolAToken, "/schools")).body.orgs)).toEqual([schoolSourcedId(SCHOOL_A)]);
      const enrollments = await read(schoolAToken, "/enrollments?limit=10000");
      expect(ids(enrollments.body.enrollments)).toEqual(
        csvIds(csv.enrollments.filter((e) => e.schoolSourcedId === schoolSourcedId(SCHOOL_A))),
      );
    });

    it("gets 403 on another school, its classes and its users", async () => {
      const b = schoolSourcedId(SCHOOL_B);
      for (const urlPath of [
        `/schools/${encodeURIComponent(b)}`,
        `/schools/${encodeURIComponent(b)}/classes`,
        `/classes/${encodeURIComponent(csv.classes.find((c) => c.schoolSourcedId === b)!.sourcedId!)}`,
        `/users/${encodeURIComponent(csv.roles.find((r) => r.orgSourcedId === b)!.userSourcedId!)}`,
      ]) {
        const res = await read(schoolAToken, urlPath);
        expect(res.status, urlPath).toBe(403);
        expect(res.body.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe("forbidden");
      }
    });
  });

  it("follows a new publication: the service reads the live rosters, not a copy", async () => {
    const before = Number((await read(districtToken, "/enrollments?limit=1")).headers.get("x-total-count"));
    const student = server.schools.a.students[0]!;
    const res = await server.call(
      "DELETE",
      `/v1/schools/${encodeURIComponent(SCHOOL_A)}/students/${encodeURIComponent(student.studentId)}`,
      { token: server.tokens.district },
    );
    expect(res.status).toBeLessThan(300);
    const seats = csv.enrollments.filter(
      (e) => e.userSourcedId === csv.users.find((u) => u.identifier === student.studentId)!.sourcedId,
    ).length;
    const after = Number((await read(districtToken, "/enrollments?limit=1")).headers.get("x-total-count"));
    expect(after).toBe(before - seats);
  });
});
