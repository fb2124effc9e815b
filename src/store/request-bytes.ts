/**
 * The writer of a student's `requests` column (student-requests.ts, encoding 1): the UTF-8 bytes
 * of its JSON text, byte for byte what JSON.stringify gives for the flat array, written straight
 * into a shared slab: no array of values, no JSON.stringify, no string. SQLite binds the bytes
 * with one copy and casts them to TEXT (a column marked `utf8`, see BulkColumn), where a string
 * is measured and converted to UTF-8 by V8 twice over and copied again. Under cachegrind, 90,000
 * student rows of seven requests built and inserted took 1.19 G instructions against 1.49 G; on
 * the district's import, JSON.stringify and the strings' binding were a fifth of the main thread.
 * PostgreSQL is given the text decoded back.
 */
import type { CourseRequest } from "../domain/problem.ts";
import { REQUESTS_ENCODING, requestFlags } from "./student-requests.ts";

/** Bytes a slab: one holds the requests of some thousands of students. */
const SLAB_BYTES = 1 << 20;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const ZERO = 0x30;

/** The JSON text of texts met (course IDs, settings, section IDs repeat from student to student) as UTF-8 bytes. */
const quoted = new Map<string, Uint8Array>();
/** Texts kept in `quoted` at most: a district has some tens of thousands of course and section IDs. */
const QUOTED_MAX = 1 << 16;
const utf8 = new TextEncoder();

/**
 * Where the bytes go. A student's bytes are a view of the slab, which is never written again
 * where a view lies: a full slab is left to the views of it and a new one begun.
 */
let slab = new Uint8Array(SLAB_BYTES);
let used = 0;
/** Where the student's bytes being written start. */
let mark = 0;

/** Room for `n` more bytes of the student's; the student's bytes so far move to a new slab if need be. */
function room(n: number): void {
  if (used + n <= slab.length) return;
  const next = new Uint8Array(Math.max(SLAB_BYTES, 2 * (used - mark + n)));
  next.set(slab.subarray(mark, used));
  used -= mark;
  mark = 0;
  slab = next;
}

/** Writes a comma, then `text` as JSON.stringify writes it. */
function writeText(text: string): void {
  let bytes = quoted.get(text);
  if (bytes === undefined) {
    if (quoted.size === QUOTED_MAX) quoted.clear();
    bytes = utf8.encode(JSON.stringify(text));
    quoted.set(text, bytes);
  }
  const n = bytes.length;
  room(n + 1);
  slab[used++] = COMMA;
  // Most are a few bytes: a loop, where `set` costs a call.
  if (n <= 16) for (let i = 0; i < n; i++) slab[used + i] = bytes[i];
  else slab.set(bytes, used);
  used += n;
}

/** Writes `text`, all ASCII. */
function writeAscii(text: string): void {
  room(text.length);
  for (let i = 0; i < text.length; i++) slab[used++] = text.charCodeAt(i);
}

/** Writes a comma, then `value` as JSON.stringify writes it. */
function writeNumber(value: number): void {
  if (value >= 0 && value <= 9 && Number.isInteger(value)) {
    room(2);
    slab[used++] = COMMA;
    slab[used++] = ZERO + value;
    return;
  }
  room(1);
  slab[used++] = COMMA;
  // A finite number's JSON is its String: digits, signs, a point, an exponent.
  writeAscii(Number.isFinite(value) ? String(value) : "null");
}

/**
 * Writes the requests `requests[start]` to `requests[end - 1]`, a run at positions `start +
 * offset` on: the position of the first, then each request as the encoding lists it (course ID,
 * priority, then any optional fields behind their flags). Every student's bytes are made of
 * these runs, one when the student's requests are listed together.
 */
function writeRun(requests: readonly CourseRequest[], start: number, end: number, offset: number): void {
  writeNumber(start + offset);
  for (let i = start; i < end; i++) {
    const r = requests[i]!;
    writeText(r.courseId);
    writeNumber(r.priority);
    const flags = requestFlags(r);
    if (flags === 0) continue;
    writeNumber(-flags);
    if (r.alternateFor !== undefined) writeText(r.alternateFor);
    if (r.requiredSetting !== undefined) writeText(r.requiredSetting);
    if (r.lockedSectionId !== undefined) writeText(r.lockedSectionId);
  }
}

/** Begins a student's bytes: `[` and the encoding's version. */
function begin(): void {
  mark = used;
  room(1);
  slab[used++] = OPEN;
  writeAscii(String(REQUESTS_ENCODING));
}

/** Ends the student's bytes begun: `]`; returns them, a view of the slab. */
function finish(): Uint8Array {
  room(1);
  slab[used++] = CLOSE;
  return new Uint8Array(slab.buffer, mark, used - mark);
}

/**
 * The requests `requests[start]` to `requests[end - 1]` of one student, listed together, with
 * their positions `start + offset` on among the school's requests, as the UTF-8 bytes of the
 * `requests` column's text. The bytes are a view of a shared slab, never written again.
 */
export function requestRunBytes(
  requests: readonly CourseRequest[],
  start: number,
  end: number,
  offset = 0,
): Uint8Array {
  begin();
  if (start < end) writeRun(requests, start, end, offset);
  return finish();
}

/**
 * The requests `requests[at[0]]`, `requests[at[1]]`, ... of one student, with their positions
 * `at[i] + offset` among the school's requests (listed anywhere), as requestRunBytes gives them.
 */
export function requestBytes(requests: readonly CourseRequest[], at: ArrayLike<number>, offset = 0): Uint8Array {
  begin();
  // Each run of indices that follow one another is written as a run, its position first.
  for (let k = 0; k < at.length;) {
    const start = at[k]!;
    let end = start + 1;
    for (k++; k < at.length && at[k] === end; k++) end++;
    writeRun(requests, start, end, offset);
  }
  return finish();
}
