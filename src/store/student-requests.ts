/**
 * A student's course requests as the student's row holds them (the `requests` column): one
 * JSON array per student instead of one table row per request. The district's 4.93 million
 * request rows took 20 s of its 28 s import and most of the read of each school; as a column
 * of the 683,000 student rows they are written in the students' bulk insert and read back by
 * the same query.
 *
 * Encoding 1, a flat array (nested arrays per request cost a third more to write and read):
 *   [1, position, courseId, priority, courseId, priority, -flags, field..., position, ...]
 * - the first element is the encoding's version;
 * - a request is its course ID (a string) and its priority, then, when it has any optional
 *   field, a negative number -(1 alternateFor | 2 requiredSetting | 4 lockedSectionId)
 *   followed by those fields in that order;
 * - a request's position among the school's requests is the one after the request before it,
 *   unless a number (≥ 0) stands where a course ID would: that is the position of the next
 *   request. The first request always has one.
 * Positions keep the school's requests in input order across students (a file need not list
 * a student's requests together), and put a late enrollment's requests after all the others.
 * Written by request-bytes.ts (its one writer); the migration that made this column writes the
 * same encoding in SQL.
 */
import type { CourseRequest, Setting } from "../domain/problem.ts";

/** The version of the encoding request-bytes.ts writes (the array's first element). */
export const REQUESTS_ENCODING = 1;

const ALTERNATE = 1;
const SETTING = 2;
const LOCKED = 4;

/** The flags of a request's optional fields (0 when it has none), as the encoding writes them negated. */
export function requestFlags(r: CourseRequest): number {
  return (
    (r.alternateFor === undefined ? 0 : ALTERNATE) |
    (r.requiredSetting === undefined ? 0 : SETTING) |
    (r.lockedSectionId === undefined ? 0 : LOCKED)
  );
}

/** Thrown for a `requests` value this code cannot read (a newer encoding, or not one at all). */
export class RequestsEncodingError extends Error {
  constructor(schoolId: string, studentId: string, reason: string) {
    super(`the requests of student ${JSON.stringify(studentId)} of school ${JSON.stringify(schoolId)}: ${reason}`);
    this.name = "RequestsEncodingError";
  }
}

/**
 * Reads one student's `requests` column: appends each request to `requests` and its position
 * to `positions`. `studentId` is the student row's own string, shared by every request.
 */
export function readRequests(
  text: string,
  schoolId: string,
  studentId: string,
  requests: CourseRequest[],
  positions: number[],
): void {
  const a = JSON.parse(text) as unknown[];
  if (!Array.isArray(a) || a[0] !== REQUESTS_ENCODING)
    throw new RequestsEncodingError(
      schoolId,
      studentId,
      `encoding ${JSON.stringify(a?.[0])} is not one this version reads`,
    );
  let position = 0;
  const n = a.length;
  let i = 1;
  while (i < n) {
    const head = a[i++];
    if (typeof head === "number") {
      position = head;
      continue;
    }
    const courseId = head as string;
    const priority = a[i++] as number;
    const flags = a[i];
    if (typeof flags !== "number" || flags >= 0) {
      // One object shape for the common request (no optional field), built in one literal.
      requests.push({ schoolId, studentId, courseId, priority });
    } else if (flags === -ALTERNATE) {
      // An alternate (a fifth of the district's requests) in a literal too: added afterwards, its
      // field went to a second object, the literal's own room being four fields.
      requests.push({ schoolId, studentId, courseId, priority, alternateFor: a[i + 1] as string });
      i += 2;
    } else {
      i++;
      const request: CourseRequest = { schoolId, studentId, courseId, priority };
      if (-flags & ALTERNATE) request.alternateFor = a[i++] as string;
      if (-flags & SETTING) request.requiredSetting = a[i++] as Setting;
      if (-flags & LOCKED) request.lockedSectionId = a[i++] as string;
      requests.push(request);
    }
    positions.push(position++);
  }
}

/**
 * The school's requests in position order, from the students' requests and positions as
 * readRequests appended them (in the students' order). Usually already in order: a file lists
 * a student's requests together, students in the same order as requests.
 */
export function inPositionOrder(requests: CourseRequest[], positions: readonly number[]): CourseRequest[] {
  let sorted = true;
  for (let i = 1; i < positions.length && sorted; i++) sorted = positions[i - 1]! < positions[i]!;
  if (sorted) return requests;
  const order = Array.from(positions.keys()).sort((x, y) => positions[x]! - positions[y]!);
  return order.map((i) => requests[i]!);
}
