import { describe, expect, it } from "vitest";
import type { CourseRequest } from "../../src/domain/problem.ts";
import {
  inPositionOrder,
  readRequests,
  RequestsEncodingError,
  REQUESTS_ENCODING,
} from "../../src/store/student-requests.ts";
import { requestBytes, requestRunBytes } from "../../src/store/request-bytes.ts";

const school = "MS-O'Hara 🦉";
const student = 'S\'1 "Zoë"';

/** A student's requests with every combination of optional fields, and IDs that break naive encodings. */
const requests: CourseRequest[] = [
  { schoolId: school, studentId: student, courseId: "MATH'6", priority: 1 },
  { schoolId: school, studentId: student, courseId: 'ART "studio" ☀', priority: 2, alternateFor: "MATH'6" },
  { schoolId: school, studentId: student, courseId: "ELA\t6\\n", priority: 3, requiredSetting: "co_taught" },
  { schoolId: school, studentId: student, courseId: "ELA\n7", priority: 1, lockedSectionId: "ELA 7-1'" },
  {
    schoolId: school,
    studentId: student,
    courseId: "12",
    priority: 4,
    alternateFor: "ELA\n7",
    requiredSetting: "sdc",
    lockedSectionId: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  },
  { schoolId: school, studentId: student, courseId: "", priority: 9007199254740991, requiredSetting: "general" },
  { schoolId: school, studentId: student, courseId: "PE", priority: 2, alternateFor: "", lockedSectionId: "PE-1" },
];

/** The column's text as the store writes it: its UTF-8 bytes decoded. */
function writeRequests(rs: readonly CourseRequest[], at: readonly number[], offset = 0): string {
  return Buffer.from(requestBytes(rs, at, offset)).toString("utf8");
}

/**
 * The encoding as its documentation words it, built as an array of values and given to
 * JSON.stringify: the writer's bytes must be exactly this text.
 */
function documentedText(rs: readonly CourseRequest[], at: readonly number[], offset = 0): string {
  const out: unknown[] = [REQUESTS_ENCODING];
  let next = -1;
  for (const i of at) {
    if (i + offset !== next) out.push(i + offset);
    next = i + offset + 1;
    const r = rs[i]!;
    out.push(r.courseId, r.priority);
    const flags =
      (r.alternateFor === undefined ? 0 : 1) |
      (r.requiredSetting === undefined ? 0 : 2) |
      (r.lockedSectionId === undefined ? 0 : 4);
    if (flags === 0) continue;
    out.push(-flags);
    if (r.alternateFor !== undefined) out.push(r.alternateFor);
    if (r.requiredSetting !== undefined) out.push(r.requiredSetting);
    if (r.lockedSectionId !== undefined) out.push(r.lockedSectionId);
  }
  return JSON.stringify(out);
}

/** Reads one column value back into requests and positions. */
function read(text: string): { requests: CourseRequest[]; positions: number[] } {
  const out = { requests: [] as CourseRequest[], positions: [] as number[] };
  readRequests(text, school, student, out.requests, out.positions);
  return out;
}

describe("a student's requests as their row holds them", () => {
  it("reads back exactly what was written: every optional field present or absent (never undefined-valued), any text, any priority", () => {
    const back = read(writeRequests(requests, [0, 1, 2, 3, 4, 5, 6]));
    expect(back.requests).toStrictEqual(requests);
    expect(back.requests.map((r) => Object.keys(r))).toEqual(requests.map((r) => Object.keys(r)));
    expect(back.positions).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const r of back.requests) expect(Object.values(r)).not.toContain(undefined);
  });

  it("keeps each request's position among the school's, however the student's requests are spread", () => {
    const back = read(writeRequests(requests, [6, 2, 3, 4, 0], 100));
    expect(back.requests).toStrictEqual([requests[6], requests[2], requests[3], requests[4], requests[0]]);
    expect(back.positions).toEqual([106, 102, 103, 104, 100]);
  });

  it("writes a position only where a request does not follow the one before", () => {
    const text = writeRequests(requests, [0, 1, 5, 6], 10);
    expect(JSON.parse(text)).toEqual([
      REQUESTS_ENCODING,
      10,
      "MATH'6",
      1,
      'ART "studio" ☀',
      2,
      -1,
      "MATH'6",
      15,
      "",
      9007199254740991,
      -2,
      "general",
      "PE",
      2,
      -5,
      "",
      "PE-1",
    ]);
  });

  it("writes exactly the JSON text of the documented array, in any order of positions, for any text and number", () => {
    for (const at of [[0, 1, 2, 3, 4, 5, 6], [6, 2, 3, 4, 0], [1, 3], [5], []])
      for (const offset of [0, 9, 100_000])
        expect(writeRequests(requests, at, offset)).toBe(documentedText(requests, at, offset));
    const odd = [-0, 0.5, -3, 10, 1e21, 123456789, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), Number.NaN].map((priority) => ({
      ...requests[0]!,
      priority,
    }));
    expect(writeRequests(odd, [...odd.keys()], 7)).toBe(documentedText(odd, [...odd.keys()], 7));
  });

  it("writes a run of requests listed together as the bytes of the list of their indices", () => {
    const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");
    expect(text(requestRunBytes(requests, 0, 7))).toBe(documentedText(requests, [0, 1, 2, 3, 4, 5, 6]));
    expect(text(requestRunBytes(requests, 2, 5, 40))).toBe(documentedText(requests, [2, 3, 4], 40));
    expect(text(requestRunBytes(requests, 3, 3, 40))).toBe(documentedText(requests, [], 40));
  });

  it("keeps every run's bytes as written while later runs fill slab after slab", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...requests[i % 7]!, courseId: `${"x".repeat(i)}${i}` }));
    const runs = Array.from({ length: 3000 }, (_, i) => requestRunBytes(many, i, Math.min(i + 3, many.length), 5));
    runs.forEach((bytes, i) =>
      expect(Buffer.from(bytes).toString("utf8")).toBe(
        documentedText(
          many,
          Array.from({ length: Math.min(3, many.length - i) }, (_, k) => i + k),
          5,
        ),
      ),
    );
  });

  it("holds a student without requests", () => {
    expect(writeRequests(requests, [])).toBe(`[${REQUESTS_ENCODING}]`);
    expect(read(writeRequests(requests, []))).toEqual({ requests: [], positions: [] });
  });

  it("refuses an encoding it does not know, naming the student and school", () => {
    expect(() => read(`[2,0,"MATH",1]`)).toThrow(RequestsEncodingError);
    expect(() => read(`{"requests":[]}`)).toThrow(`the requests of student ${JSON.stringify(student)} of school`);
  });

  it("puts the school's requests in position order across students, and leaves them as they are when they already are", () => {
    const a = read(writeRequests(requests, [0, 2, 4]));
    const b = read(writeRequests(requests, [1, 3]));
    const all = [...a.requests, ...b.requests];
    expect(inPositionOrder(all, [...a.positions, ...b.positions])).toEqual(requests.slice(0, 5));
    const inOrder = requests.slice(0, 3);
    expect(inPositionOrder(inOrder, [0, 1, 5])).toBe(inOrder);
  });
});
