import { describe, expect, it } from "vitest";
import type { Problem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import type { Student } from "../../../src/domain/problem.ts";
import { ENROLLMENTS_COLUMNS, ROLES_COLUMNS, USERS_COLUMNS, plainColumns } from "../../../src/io/oneroster/columns.ts";
import { enrollmentsLines } from "../../../src/io/oneroster/enrollments-lines.ts";
import { enrollmentsRows } from "../../../src/io/oneroster/enrollments-rows.ts";
import { exportContext } from "../../../src/io/oneroster/export-context.ts";
import { csvLineBytes, LineBytes } from "../../../src/io/oneroster/line-bytes.ts";
import { roleRow } from "../../../src/io/oneroster/roles-rows.ts";
import { studentLines } from "../../../src/io/oneroster/student-lines.ts";
import { studentUserRow } from "../../../src/io/oneroster/users-rows.ts";
import { csvLine } from "../../../src/io/oneroster/write-csv-file.ts";
import { tinyProblem, tinyRoster } from "../../check/tiny-problem.ts";

/** Cells a CSV writer must quote, or must leave as they are. */
const AWKWARD = [
  "O'Brien",
  'Mary "Molly"',
  "Smith, Jr.",
  "two\nlines",
  "carriage\rreturn",
  "crlf\r\n",
  "Zoë 山田 🙂",
  "=SUM(A1)",
  "+1",
  "-x",
  "@home",
  "'quoted'",
  " spaced ",
  '"',
  ",",
  "",
  "plain",
];

const text = (out: LineBytes) => Buffer.from(out.written()).toString("utf8");

describe("csvLineBytes", () => {
  it("writes a row's line byte for byte as csvLine writes it: quoting, apostrophes, Unicode, formulas left as they are, empty and missing cells", () => {
    const plain = plainColumns(USERS_COLUMNS);
    const bytes = csvLineBytes(USERS_COLUMNS, plain);
    const line = csvLine(USERS_COLUMNS, plain);
    // Two cells in every pair of awkward texts: a free-text column and a plain one, others missing.
    const rows = AWKWARD.flatMap((a, i) =>
      AWKWARD.map((b, j) => ({
        sourcedId: `u-${i}-${j}`,
        givenName: a,
        familyName: b,
        email: j % 2 === 0 ? undefined : b,
        enabledUser: "true",
      })),
    );
    // A small expected size: the buffer grows many times over the rows, keeping what it holds.
    const out = new LineBytes(16);
    for (const row of rows) bytes(row, out);
    expect(text(out)).toBe(rows.map(line).join(""));
    expect(text(out)).toContain('"Smith, Jr."');
    expect(text(out)).toContain('"Mary ""Molly"""');
    expect(text(out)).toContain(",=SUM(A1),");
    expect(text(out)).toContain("Zoë 山田 🙂");
  });

  it("writes a cell of plain columns as it is, and a line of nothing but commas for an empty row", () => {
    const out = new LineBytes();
    csvLineBytes(ENROLLMENTS_COLUMNS, plainColumns(ENROLLMENTS_COLUMNS))({}, out);
    csvLineBytes(ENROLLMENTS_COLUMNS, plainColumns(ENROLLMENTS_COLUMNS))({ sourcedId: "a/b", role: "student" }, out);
    expect(text(out)).toBe(",,,,,,,,,\na/b,,,,,,student,,,\n");
  });
});

/**
 * The tiny school with IDs on every path of a seat's sourcedId: a student ID long enough that
 * the joined seat would pass 255 characters, one with a `/` (its own sourcedId, but not
 * joinable), one with Unicode and one with a formula's `=` (hashed user sourcedIds), a section
 * with a space (a hashed class); and one student's seats apart from each other.
 */
function awkwardSeats(): { problem: Problem; roster: SchoolRoster } {
  const students: Record<string, string> = {
    "100001": "a".repeat(250),
    "100002": "with/slash",
    "100003": "Zoë 山田",
    "100004": "=SUM(A1)",
  };
  const sections: Record<string, string> = { "ART-1": "ART 1", "MATH7-1": `M${"7".repeat(250)}` };
  const student = (id: string) => students[id] ?? id;
  const section = (id: string) => sections[id] ?? id;
  const problem = tinyProblem();
  for (const s of problem.students) s.studentId = student(s.studentId);
  for (const r of problem.requests) r.studentId = student(r.studentId);
  for (const a of problem.avoid) {
    a.studentId = student(a.studentId);
    a.otherStudentId = student(a.otherStudentId);
  }
  for (const s of problem.sections) s.sectionId = section(s.sectionId);
  const [roster] = tinyRoster();
  roster!.sections = roster!.sections.map((p) => ({ ...p, sectionId: section(p.sectionId) }));
  const enrollments = roster!.enrollments.map((e) => ({
    studentId: student(e.studentId),
    sectionId: section(e.sectionId),
  }));
  // The first student's first seat moved to the end: its pieces are made again when it comes back.
  roster!.enrollments = [...enrollments.slice(1), enrollments[0]!];
  return { problem, roster: roster! };
}

describe("enrollmentsLines", () => {
  it("writes the lines enrollmentsRows' rows make, byte for byte, on every path of a seat's sourcedId", () => {
    const { problem, roster } = awkwardSeats();
    const context = exportContext(problem, [roster], { schoolYear: 2027 });
    const line = csvLine(ENROLLMENTS_COLUMNS, plainColumns(ENROLLMENTS_COLUMNS));
    const expected = [...enrollmentsRows(context)].map(line).join("");
    const out = new LineBytes(8);
    expect(enrollmentsLines(context, out)).toBe([...enrollmentsRows(context)].length);
    expect(text(out)).toBe(expected);
    // Every kind of seat sourcedId is there: joined, and hashed for each reason.
    expect(expected).toContain("MS-101/MUSIC-1/student/100005,");
    expect(expected).not.toContain(`/student/${"a".repeat(250)}`);
    expect(expected).not.toContain("student/with/slash");
    expect(expected).toContain(",with/slash,student,false,,\n");
  });

  it("writes the same lines for a school of plain IDs, every seat joined", () => {
    const context = exportContext(tinyProblem(), tinyRoster(), { schoolYear: 2027 });
    const line = csvLine(ENROLLMENTS_COLUMNS, plainColumns(ENROLLMENTS_COLUMNS));
    const out = new LineBytes();
    enrollmentsLines(context, out);
    expect(text(out)).toBe([...enrollmentsRows(context)].map(line).join(""));
    expect(text(out)).toContain("MS-101/MATH6-1/student/100001,,,MS-101/MATH6-1,MS-101,100001,student,false,,\n");
  });
});

describe("studentLines", () => {
  it("writes the lines studentUserRow's and roleRow's rows make, byte for byte, each user once, every role, whatever the IDs and names", () => {
    const student = (schoolId: string, studentId: string, more: Partial<Student> = {}): Student => ({
      schoolId,
      studentId,
      grade: 7,
      givenName: "Ana",
      familyName: "Ruiz",
      iep: false,
      ...more,
    });
    const students = [
      student("MS-101", "100001", { email: "ana@example.org", grade: -1 }),
      student("MS-101", "100002", { givenName: undefined, familyName: "", grade: 0 }),
      ...AWKWARD.map((name, i) => student("MS-101", `2000${i}`, { givenName: name, familyName: name, email: name })),
      // Not its own sourcedId (Unicode), not joinable (a slash), too long to join, a formula.
      student("MS-101", "Zoë 山田"),
      student("MS-101", "with/slash"),
      student("MS-101", "a".repeat(250)),
      student("MS-101", "=SUM(A1)"),
      // Listed before (by another school, or twice): a role, but no second user.
      student("MS-101", "100001"),
      student("MS-101", "300001"),
      // Another school, and one whose ID cannot be joined.
      student("HS 9", "100003", { grade: 12 }),
      student("HS-10", "100004"),
    ];
    const written = new Set(["300001"]);
    const users = new LineBytes(8);
    const roles = new LineBytes(8);
    expect(studentLines(students, written, users, roles)).toEqual({
      users: students.length - 2,
      roles: students.length,
    });
    const userLine = csvLine(USERS_COLUMNS, plainColumns(USERS_COLUMNS));
    const roleLine = csvLine(ROLES_COLUMNS, plainColumns(ROLES_COLUMNS));
    const once = students.filter(
      (s, i) => s.studentId !== "300001" && students.findIndex((t) => t.studentId === s.studentId) === i,
    );
    expect(text(users)).toBe(once.map((s) => userLine(studentUserRow(s))).join(""));
    expect(text(roles)).toBe(students.map((s) => roleLine(roleRow("student", s.studentId, s))).join(""));
    expect(written.has("100004")).toBe(true);
    expect(text(users)).toContain(
      "100001,,,true,ana@example.org,,Ana,Ruiz,,100001,ana@example.org,,,,TK,,,,,,MS-101,\n",
    );
    expect(text(roles)).toContain("MS-101/100001/role/student,,,100001,primary,student,,,MS-101,\n");
  });
});
