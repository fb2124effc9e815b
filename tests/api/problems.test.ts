import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSchoolIds, liveRoster, readSchoolProblem } from "../../src/store/index.ts";
import {
  enrollmentOf,
  problemFiles,
  SCHOOL_A,
  SCHOOL_B,
  schoolPath,
  startApiServer,
  tinyAs,
  waitForJob,
  type ApiServer,
} from "./support/api-server.ts";

const SCHOOL_C = "C-Escuela Núñez";

describe("importing a school's problem over HTTP", () => {
  let server: ApiServer;
  let filesOfA: Record<string, string>;
  const c = tinyAs(SCHOOL_C, 3, "C");
  beforeAll(async () => {
    // A small upload limit, so that the spec can go over it cheaply.
    server = await startApiServer({ app: { uploadLimit: "300kb" } });
    filesOfA = await problemFiles(server.schools.a);
  });
  afterAll(() => server.close());

  it("creates a new school from its interchange files (201), then replaces it (200), names and IDs intact", async () => {
    const files = await problemFiles(c);
    const created = await server.call("PUT", schoolPath(SCHOOL_C, "/problem"), {
      token: server.tokens.district,
      body: { files },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ schoolId: SCHOOL_C, created: true, problemVersion: 1, warnings: [] });
    expect(created.body.rows.student).toBe(60);
    const stored = await readSchoolProblem(server.store, SCHOOL_C);
    expect(stored.students).toEqual(c.students);
    expect(stored.requests).toEqual(c.requests);
    const replaced = await server.call("PUT", schoolPath(SCHOOL_C, "/problem"), {
      token: server.tokens.district,
      body: { files },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ created: false, problemVersion: 2 });
  });

  it("saves an enrollment into a school with nothing live, and seats it at the school's first run", async () => {
    const token = server.tokens.district;
    const refused = await server.call("POST", schoolPath(SCHOOL_C, "/runs"), { token, body: { kind: "incremental" } });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("no_live_roster");
    const enrolled = await server.call("PUT", schoolPath(SCHOOL_C, "/students/C-LATE"), {
      token,
      body: enrollmentOf(c, c.students[0]!.studentId),
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.placement).toMatchObject({ status: "deferred", reason: "no_live_roster" });
    const started = await server.call("POST", schoolPath(SCHOOL_C, "/runs"), {
      token,
      body: { kind: "full", seed: 2 },
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(server, token, started.body.location);
    expect(job.status).toBe("succeeded");
    const live = (await liveRoster(server.store, SCHOOL_C))!;
    expect(live.runId).toBe(job.runId);
    expect(live.roster.enrollments.some((e) => e.studentId === "C-LATE")).toBe(true);
    expect(await server.validateLive(SCHOOL_C)).toEqual([]);
  });

  it("lets a counselor import their own school, and no other (403)", async () => {
    const own = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.counselorA,
      body: { files: filesOfA },
    });
    expect(own.status).toBe(200);
    const other = await server.call("PUT", schoolPath(SCHOOL_C, "/problem"), {
      token: server.tokens.counselorA,
      body: { files: await problemFiles(c) },
    });
    expect(other.status).toBe(403);
    expect(await listSchoolIds(server.store)).toEqual([SCHOOL_A, SCHOOL_B, SCHOOL_C]);
  });

  it("lists every error of the files with file, line and column (422), and imports nothing", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const sections = filesOfA["sections.csv"]!.split("\n");
    const header = sections[0]!.split(",");
    const capacity = header.indexOf("capacity");
    const row = sections[2]!.split(",");
    row[capacity] = "lots";
    sections[2] = row.join(",");
    const students = filesOfA["students.csv"]!.replace(/\n([^,\n]*),([^,\n]*),8,/, "\n$1,$2,13,");
    const reply = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.counselorA,
      body: { files: { ...filesOfA, "sections.csv": sections.join("\n"), "students.csv": students } },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("invalid_problem");
    const issues = reply.body.error.issues as { path: string; file: string; line: number; column: string }[];
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'body.files["sections.csv"]',
        file: "sections.csv",
        line: 3,
        column: "capacity",
      }),
    );
    expect(issues.some((i) => i.file === "students.csv" && i.column === "grade")).toBe(true);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("refuses files of another school than the path's (422), and a missing required file (422)", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const wrong = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.district,
      body: { files: await problemFiles(server.schools.b) },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("wrong_school");
    expect(wrong.body.error.issues[0].path).toBe('body.files["schools.csv"]');
    const { "rooms.csv": _rooms, ...withoutRooms } = filesOfA;
    const missing = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.district,
      body: { files: withoutRooms },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toContainEqual(expect.objectContaining({ file: "rooms.csv", line: 0 }));
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });

  it("refuses a file name outside interchange v1 and a file that is not text (400 naming them)", async () => {
    const reply = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.district,
      body: { files: { ...filesOfA, "../../etc/passwd": "x", "rooms.csv": 42 } },
    });
    expect(reply.status).toBe(400);
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.files["../../etc/passwd"]', 'body.files["rooms.csv"]']));
  });

  it("refuses an upload over the limit (413) and changes nothing", async () => {
    const before = await server.snapshot(SCHOOL_A);
    const padded = { ...filesOfA, "avoid.csv": `school_id,student_id,other_student_id\n${"#".repeat(400_000)}` };
    const reply = await server.call("PUT", schoolPath(SCHOOL_A, "/problem"), {
      token: server.tokens.district,
      body: { files: padded },
    });
    expect(reply.status).toBe(413);
    expect(await server.snapshot(SCHOOL_A)).toEqual(before);
  });
});
